/**
 * The database is away for a moment — connection refused or reset, the server shutting down,
 * restarting or starting up (57P01–57P03), a connection cut mid-statement — as opposed to a query
 * that is wrong. Callers answer "try again shortly" (HTTP 503) and retry jobs, instead of reporting a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  const code = e?.code;
  return (
    code === "ECONNREFUSED" ||
    code === "ECONNRESET" ||
    code === "57P01" ||
    code === "57P02" ||
    code === "57P03" ||
    code === "08006" ||
    (typeof e?.message === "string" && /^Connection terminated/.test(e.message))
  );
}
