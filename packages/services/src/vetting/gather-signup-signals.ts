import type { Executor } from "@trustdesk/db";
import { type DnsCheck, SignupSignals, splitEmailAddress, websiteHost } from "@trustdesk/domain";
import { sql } from "kysely";
import { defaultDnsConfig, type ServiceDeps } from "../deps.ts";
import { isDisposableEmailDomain, isFreeMailDomain } from "./email-domain-lists.ts";
import { lookUpMailDomain } from "./look-up-mail-domain.ts";

/** What was given at sign-up (or is on file, for a re-run), before any lookup. */
export interface SignupFacts {
  email: string;
  /** The owner's name. */
  name: string;
  /** The account (company or project) name. */
  company: string;
  /** The website as given (a URL); null when none. */
  website: string | null;
  /** ISO 3166 alpha-2 as given; null when unknown. */
  country: string | null;
}

/**
 * The signals that need no database: list look-ups and the DNS query. Gathered *before* the
 * sign-up's transaction opens, so that no transaction (and no pooled connection) is held across
 * network I/O; the DNS part is bounded by `config.dns.timeoutMs`.
 */
export interface EmailDomainSignals {
  emailDomain: string;
  emailLocalPart: string;
  isDisposableDomain: boolean;
  isFreeMailDomain: boolean;
  dns: DnsCheck;
}

export async function gatherEmailDomainSignals(
  deps: Pick<ServiceDeps, "config">,
  email: string,
  signal?: AbortSignal,
): Promise<EmailDomainSignals> {
  const { localPart, domain } = splitEmailAddress(email);
  return {
    emailDomain: domain,
    emailLocalPart: localPart,
    isDisposableDomain: isDisposableEmailDomain(domain),
    isFreeMailDomain: isFreeMailDomain(domain),
    dns: await lookUpMailDomain(domain, deps.config.dns ?? defaultDnsConfig, signal),
  };
}

/**
 * Earlier sign-ups (accounts created, this one excluded) in the 24 h before this account was
 * created, from the same IP and with an owner at the same email domain. "Before this account" rather
 * than "before now" keeps a re-run of an old account's check meaning the same thing. Both counts
 * read only the last day's accounts through `accounts_created_at_idx`, so their cost follows the
 * sign-ups of one day, not the size of the table. The same device is the portal's device id (hashed,
 * `accounts.signup_device_hash`); a sign-up without one has `sameDevice` null, which never fires
 * `velocity_device_24h` (no signal is not "a new device").
 */
export async function countRecentSignups(
  db: Executor,
  subject: { accountId: string; ip: string | null; deviceHash?: Buffer | null; emailDomain: string },
): Promise<SignupSignals["signupsLast24h"]> {
  const suffix = `@${subject.emailDomain}`;
  const device = subject.deviceHash ?? null;
  const row = await sql<{ same_ip: string; same_domain: string; same_device: string }>`
    with this_signup as (select created_at from accounts where id = ${subject.accountId})
    select
      count(*) filter (where ${subject.ip}::inet is not null and a.signup_ip = ${subject.ip}::inet) as same_ip,
      count(*) filter (where right(u.email, ${suffix.length}) = ${suffix}) as same_domain,
      count(*) filter (where ${device}::bytea is not null and a.signup_device_hash = ${device}::bytea) as same_device
    from accounts a
    cross join this_signup t
    left join customer_users u on u.account_id = a.id and u.role = 'owner'
    where a.created_at >= t.created_at - interval '24 hours'
      and a.created_at <= t.created_at
      and a.id <> ${subject.accountId}
  `.execute(db);
  const counts = row.rows[0];
  return {
    sameIp: Number(counts?.same_ip ?? 0),
    sameEmailDomain: Number(counts?.same_domain ?? 0),
    sameDevice: device === null ? null : Number(counts?.same_device ?? 0),
  };
}

/**
 * Puts the facts, the pre-transaction signals and the velocity counts together, validated against
 * the domain's schema (they are stored with the decision and may be replayed). Over-long free text
 * is cut to the schema's limits rather than failing the sign-up.
 */
export function assembleSignupSignals(
  facts: SignupFacts,
  email: EmailDomainSignals,
  signupsLast24h: SignupSignals["signupsLast24h"],
): SignupSignals {
  const country = facts.country?.trim().toUpperCase() ?? "";
  return SignupSignals.parse({
    emailDomain: email.emailDomain.slice(0, 253),
    emailLocalPart: email.emailLocalPart.slice(0, 64),
    isDisposableDomain: email.isDisposableDomain,
    isFreeMailDomain: email.isFreeMailDomain,
    dns: email.dns,
    signupsLast24h,
    country: /^[A-Z]{2}$/.test(country) ? country : null,
    name: facts.name.slice(0, 200),
    company: facts.company.slice(0, 200),
    website: websiteHost(facts.website)?.slice(0, 253) ?? null,
  });
}

/**
 * Everything in one call, for callers that may do network I/O where they are (the benchmark, a
 * one-off check). Sign-up uses the parts: DNS before its transaction, the counts inside it.
 */
export async function gatherSignupSignals(
  deps: Pick<ServiceDeps, "config" | "db">,
  subject: SignupFacts & { accountId: string; ip: string | null; deviceHash?: Buffer | null },
  signal?: AbortSignal,
): Promise<SignupSignals> {
  const email = await gatherEmailDomainSignals(deps, subject.email, signal);
  const velocity = await countRecentSignups(deps.db, {
    accountId: subject.accountId,
    ip: subject.ip,
    deviceHash: subject.deviceHash ?? null,
    emailDomain: email.emailDomain,
  });
  return assembleSignupSignals(subject, email, velocity);
}
