import type { SessionRealm } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "@trustdesk/services";

/**
 * The session cookies, as the host exposes them. The API implements this over Express; tests over
 * a plain object. Each realm has its own cookie, so a staff session can never be read as a
 * customer's or the other way round.
 */
export interface SessionCookies {
  read(realm: SessionRealm): string | undefined;
  write(realm: SessionRealm, token: string, expiresAt: Date): void;
  clear(realm: SessionRealm): void;
}

export interface TrpcContext {
  deps: ServiceDeps;
  meta: RequestMeta;
  cookies: SessionCookies;
  /** Set by the host: the request carries the CSRF defence (checked for every mutation). */
  csrfOk: boolean;
  /**
   * Work that runs after the answer (so its timing reveals nothing) reports failures here; the host
   * logs them with the request id. Absent in tests that call procedures directly.
   */
  reportBackgroundError?: (error: unknown, what: string) => void;
}
