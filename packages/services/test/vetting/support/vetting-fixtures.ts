import type { Db } from "@trustdesk/db";
import type { CustomerSignUpInput } from "@trustdesk/domain";
import { defaultServiceConfig, type RequestMeta, type ServiceDeps } from "../../../src/index.ts";

export const ANSWERED_DNS_TIMEOUT_MS = 5_000;

/** Service deps over a test database, with DNS pointed at a loopback server of the test. */
export function vettingDeps(
  db: Db,
  dnsServers: string[],
  overrides: Partial<ServiceDeps["config"]> = {},
): ServiceDeps {
  return {
    db,
    now: () => new Date(),
    config: {
      ...defaultServiceConfig,
      secretKey: "services-test-secret-key-0123456789abcdef",
      publicUrl: "https://portal.example",
      fastPasswordHashing: true,
      // Generous: loopback answers always arrive, even on a loaded CI machine. Tests of the timeout
      // itself pass a short one.
      dns: { servers: dnsServers, timeoutMs: ANSWERED_DNS_TIMEOUT_MS },
      ...overrides,
    },
  };
}

let ipCounter = 0;

/** A fresh address (198.18.0.0/15, the benchmarking range) per call: rate limit and velocity stay apart. */
export function freshIp(): string {
  ipCounter += 1;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export function meta(ip: string = freshIp()): RequestMeta {
  return { requestId: `req-${Math.random().toString(36).slice(2)}`, ip, userAgent: "vitest" };
}

let domainCounter = 0;

/** A new company domain per call (the test DNS answers MX + A for every name it has no zone for). */
export function companyDomain(): string {
  domainCounter += 1;
  return `acme${domainCounter}.test`;
}

/** A plausible, consistent sign-up: its own company domain, matching name, company and website. */
export function signUpInput(overrides: Partial<CustomerSignUpInput> = {}): CustomerSignUpInput {
  const domain = companyDomain();
  return {
    email: `jane.doe@${domain}`,
    password: "a-long-enough-password",
    name: "Jane Doe",
    accountName: "Acme Widgets",
    website: `https://www.${domain}`,
    country: "GB",
    ...overrides,
  };
}

/** Earlier sign-ups, inserted directly with the given age, IP and owner email. */
export async function insertEarlierSignup(
  db: Db,
  options: { email: string; ip: string | null; hoursAgo: number },
): Promise<string> {
  const account = await db
    .insertInto("accounts")
    .values({
      name: "Earlier",
      website: null,
      country: null,
      signup_ip: options.ip,
      created_at: new Date(Date.now() - options.hoursAgo * 3_600_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("customer_users")
    .values({
      account_id: account.id,
      email: options.email,
      name: "Earlier Owner",
      role: "owner",
      password_hash: "not-used",
      totp_secret_enc: null,
      totp_enabled_at: null,
      totp_last_step: null,
      locked_until: null,
      last_sign_in_at: null,
    })
    .execute();
  return account.id;
}
