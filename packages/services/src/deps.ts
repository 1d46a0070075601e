import type { Db } from "@trustdesk/db";
import { DEFAULT_DORMANCY_POLICY, type DormancyPolicy } from "@trustdesk/domain";

/** Configuration the services need, validated by the app that starts them (packages never read env). */
export interface ServiceConfig {
  /** 32+ bytes of secret material: keys CSRF tokens and the encryption of TOTP secrets. */
  secretKey: string;
  /** Where customers reach the portal; used in links inside emails. */
  publicUrl: string;
  /** Shown on account-takeover cases. */
  hotlineNumber: string;
  /** Sessions end after this much inactivity… */
  sessionIdleMinutes: number;
  /** …and in any case this long after sign-in. */
  sessionAbsoluteHours: number;
  passwordResetTtlMinutes: number;
  /** How long the link that finishes a sign-up works. */
  signUpLinkTtlHours: number;
  /** Failed sign-ins before a temporary lock; each further failure doubles the lock. */
  lockoutThreshold: number;
  lockoutBaseMinutes: number;
  /** Lower argon2 cost for test runs only; production uses the OWASP parameters. */
  fastPasswordHashing?: boolean;
  /**
   * Sign-up vetting on (default). Off records every sign-up as approved without checks: for a
   * local set-up without DNS, never for production.
   */
  vettingEnabled?: boolean;
  /** DNS for the vetting's MX/A lookups. Default: the system's resolvers, 2 s. */
  dns?: DnsConfig;
  /** The dormancy scan's periods per plan, warning lead times and minimum notice. */
  dormancy?: DormancyPolicy;
}

/** The system's resolvers; 2 s keeps a slow DNS from holding a sign-up much longer than that. */
export const defaultDnsConfig: DnsConfig = { servers: [], timeoutMs: 2000 };

export interface DnsConfig {
  /** `ip` or `ip:port` (`[v6]:port`); empty = the system's resolvers (/etc/resolv.conf). */
  servers: string[];
  /** Hard bound on one lookup (MX and A together); a slower answer counts as a timeout. */
  timeoutMs: number;
}

export interface ServiceDeps {
  db: Db;
  config: ServiceConfig;
  /** Injectable clock so expiry rules are testable without sleeping. */
  now: () => Date;
}

/** Who is asking, and from where: written into every audit event. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export const defaultServiceConfig: Omit<ServiceConfig, "secretKey" | "publicUrl"> = {
  hotlineNumber: "+1 (800) 555-0199",
  sessionIdleMinutes: 60 * 12,
  sessionAbsoluteHours: 24 * 7,
  passwordResetTtlMinutes: 30,
  signUpLinkTtlHours: 24,
  lockoutThreshold: 5,
  lockoutBaseMinutes: 15,
  vettingEnabled: true,
  dns: defaultDnsConfig,
  dormancy: DEFAULT_DORMANCY_POLICY,
};
