import type { Db } from "@trustdesk/db";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import type { CustomerSignUpInput, VettingRuleId } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServiceDeps, type SignUpResult, signIn, vetSignup } from "../../src/index.ts";
import { signUpThroughEmail, startTestDnsServer, type TestDnsServer } from "../../src/testing/index.ts";
import {
  companyDomain,
  freshIp,
  insertEarlierSignup,
  meta,
  signUpInput,
  vettingDeps,
} from "./support/vetting-fixtures.ts";

let database: TestDatabase;
let dns: TestDnsServer;
let deps: ServiceDeps;
let db: Db;

const MAIL_HOST = { mx: ["mx.provider.test"], a: ["192.0.2.10"] };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  dns = await startTestDnsServer(
    {
      "gmail.com": MAIL_HOST,
      "mailinator.com": MAIL_HOST,
      "nomail.test": {},
      "gone.test": { nxdomain: true },
      "nullmx.test": { mx: ["."] },
      "nullmx-with-a.test": { mx: ["."], a: ["192.0.2.30"] },
      "only-a.test": { a: ["192.0.2.20"] },
      "only-mx.test": { mx: ["mx.only-mx.test"] },
      "*.silent.test": { silent: true },
      "broken.test": { servfail: true },
    },
    // Every other name (each test's own company domain) is a domain that receives mail.
    { fallback: MAIL_HOST },
  );
  deps = vettingDeps(db, dns.servers);
});
afterAll(async () => {
  await dns?.close();
  await database?.destroy();
});

interface Decision {
  outcome: string;
  score: number;
  policyVersion: number | null;
  rules: VettingRuleId[];
  firedRules: { rule: VettingRuleId; weight: number; agentDetail: string }[];
  signals: Record<string, unknown>;
}

async function decisionsOf(accountId: string): Promise<Decision[]> {
  const rows = await db
    .selectFrom("vetting_decisions")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at", "asc")
    .execute();
  return rows.map((r) => {
    const firedRules = r.fired_rules as Decision["firedRules"];
    return {
      outcome: r.outcome,
      score: r.score,
      policyVersion: r.policy_version,
      rules: firedRules.map((f) => f.rule),
      firedRules,
      signals: r.signals,
    };
  });
}

async function activeVettingEnforcements(accountId: string) {
  return db
    .selectFrom("enforcements")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("reason", "=", "signup_vetting")
    .where("status", "=", "active")
    .execute();
}

async function standing(accountId: string) {
  const row = await db
    .selectFrom("account_standing")
    .select("state")
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return row.state;
}

async function signUp(
  overrides: Partial<CustomerSignUpInput> = {},
  ip: string = freshIp(),
  using: ServiceDeps = deps,
): Promise<{ result: SignUpResult; decision: Decision; input: CustomerSignUpInput }> {
  const input = signUpInput(overrides);
  const result = await signUpThroughEmail(using, meta(ip), input);
  const [decision] = await decisionsOf(result.accountId);
  if (!decision) throw new Error("no vetting decision was stored");
  return { result, decision, input };
}

describe("sign-up vetting against the stored policy, a real database and loopback DNS", () => {
  it("approves a consistent sign-up from a company domain: no rule, no enforcement, audited", async () => {
    const { result, decision } = await signUp();
    expect(decision).toMatchObject({ outcome: "approve", score: 0, policyVersion: 1, rules: [] });
    expect(result.vetting).toEqual({
      outcome: "approve",
      customerSummary: "Your sign-up passed our automatic checks and your account can send email.",
    });
    expect(await activeVettingEnforcements(result.accountId)).toEqual([]);
    expect(await standing(result.accountId)).toBe("active");
    expect(decision.signals).toMatchObject({
      emailLocalPart: "jane.doe",
      isDisposableDomain: false,
      isFreeMailDomain: false,
      dns: { status: "ok", hasMx: true, hasA: true },
      signupsLast24h: { sameIp: 0, sameEmailDomain: 0, sameDevice: null },
      country: "GB",
      name: "Jane Doe",
      company: "Acme Widgets",
    });
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "actor_type", "actor_id", "after"])
      .where("account_id", "=", result.accountId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["vetting.decided", "account.signed_up", "auth.signed_in"]);
    expect(audit[0]).toMatchObject({
      actor_type: "service",
      actor_id: "vetting",
      after: { outcome: "approve", score: 0, policyVersion: 1, firedRules: [], enforcementId: null },
    });
  });

  it("disposable domain: fires for a listed domain (→ review, restricted), stays quiet for a company domain", async () => {
    const { result, decision } = await signUp({ email: "jane.doe@mailinator.com", website: undefined });
    expect(decision.rules).toEqual(["disposable_domain"]);
    expect(decision).toMatchObject({ outcome: "review", score: 70 });
    expect(decision.firedRules[0]?.agentDetail).toContain("disposable-email domain list");
    expect(result.vetting.outcome).toBe("review");
    // The customer's text carries no rule ids, weights, scores or list names.
    expect(result.vetting.customerSummary).toContain("temporary (disposable) email service");
    expect(result.vetting.customerSummary).not.toMatch(/disposable_domain|70|score|list|weight/i);

    const enforcements = await activeVettingEnforcements(result.accountId);
    expect(enforcements).toHaveLength(1);
    expect(enforcements[0]).toMatchObject({
      policy_code: "vetting.review",
      created_by_service: "vetting",
      evidence: { reason: "signup_vetting", outcome: "review", score: 70, policyVersion: 1 },
    });
    expect(enforcements[0]?.note).toContain("disposable_domain (+70)");
    expect(await standing(result.accountId)).toBe("restricted");
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "subject_id", "after"])
      .where("account_id", "=", result.accountId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "enforcement.created",
      "vetting.decided",
      "account.signed_up",
      "auth.signed_in",
    ]);
    expect(audit[0]?.subject_id).toBe(enforcements[0]?.id);
    expect(audit[1]?.after).toMatchObject({ enforcementId: enforcements[0]?.id, enforcementCreated: true });
  });

  it("free-mail domain: fires (weight 15 alone approves), quiet for a company domain, never with disposable", async () => {
    const { decision } = await signUp({ email: "jane.doe.free@gmail.com", website: undefined });
    expect(decision.rules).toEqual(["free_mail_domain"]);
    expect(decision).toMatchObject({ outcome: "approve", score: 15 });
    expect((await signUp({ website: undefined })).decision.rules).toEqual([]);
    // mailinator.com is only on the disposable list: it does not also count as free mail.
    const disposable = await signUp({ email: "jane.doe.2@mailinator.com", website: undefined });
    expect(disposable.decision.rules).not.toContain("free_mail_domain");
  });

  it("no MX or A record: fires for NODATA, NXDOMAIN and a null MX with or without A; quiet with either record", async () => {
    for (const domain of ["nomail.test", "gone.test", "nullmx.test"]) {
      const { decision, result } = await signUp({ email: `jane.doe@${domain}`, website: undefined });
      expect(decision.rules, domain).toEqual(["no_mx_or_a_record"]);
      expect(decision, domain).toMatchObject({ outcome: "review", score: 50 });
      expect(decision.signals.dns, domain).toMatchObject({ status: "ok", hasMx: false, hasA: false });
      expect(await activeVettingEnforcements(result.accountId)).toHaveLength(1);
    }
    // RFC 7505: a null MX refuses mail even with an A record (no implicit-MX fallback).
    const { decision, result } = await signUp({ email: "jane.doe@nullmx-with-a.test", website: undefined });
    expect(decision.rules).toEqual(["no_mx_or_a_record"]);
    expect(decision).toMatchObject({ outcome: "review", score: 50 });
    expect(decision.signals.dns).toEqual({ status: "ok", hasMx: false, hasA: true, nullMx: true });
    expect(decision.firedRules[0]?.agentDetail).toContain("null MX");
    expect(await activeVettingEnforcements(result.accountId)).toHaveLength(1);
    for (const domain of ["only-a.test", "only-mx.test"]) {
      const { decision } = await signUp({ email: `jane.doe@${domain}`, website: undefined });
      expect(decision.rules, domain).toEqual([]);
      expect(decision.signals.dns, domain).toMatchObject({ status: "ok" });
    }
  });

  it("DNS timeout: a silent server yields dns_unavailable → review within about the timeout, never no_mx", async () => {
    const quick = vettingDeps(deps.db, dns.servers, { dns: { servers: dns.servers, timeoutMs: 400 } });
    const started = performance.now();
    const { decision, result } = await signUp(
      { email: "jane.doe@corp.silent.test", website: undefined },
      freshIp(),
      quick,
    );
    const elapsed = performance.now() - started;
    expect(decision.rules).toEqual(["dns_unavailable"]);
    expect(decision).toMatchObject({ outcome: "review", score: 0 });
    expect(decision.signals.dns).toEqual({ status: "timeout", hasMx: false, hasA: false });
    expect(decision.firedRules[0]?.agentDetail).toContain("timed out");
    expect(result.vetting.customerSummary).toContain("could not check the domain");
    expect(await activeVettingEnforcements(result.accountId)).toHaveLength(1);
    // Bounded by the 400 ms timeout, not by the resolver's own retries (seconds): the upper bound is
    // loose on purpose, it proves "no hang", not a speed (speed lives in `pnpm bench`).
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(4_000);
  });

  it("DNS failure (SERVFAIL) is dns_unavailable too, not a missing record", async () => {
    const { decision } = await signUp({ email: "jane.doe@broken.test", website: undefined });
    expect(decision.rules).toEqual(["dns_unavailable"]);
    expect(decision.signals.dns).toEqual({ status: "error", hasMx: false, hasA: false });
    expect(decision.outcome).toBe("review");
  });

  it("velocity per IP: fires at 3 earlier sign-ups from the IP in 24 h; older ones and other IPs don't count", async () => {
    const ip = freshIp();
    await insertEarlierSignup(db, { email: `a@${companyDomain()}`, ip, hoursAgo: 1 });
    await insertEarlierSignup(db, { email: `b@${companyDomain()}`, ip, hoursAgo: 23 });
    await insertEarlierSignup(db, { email: `c@${companyDomain()}`, ip, hoursAgo: 25 });
    await insertEarlierSignup(db, { email: `d@${companyDomain()}`, ip: freshIp(), hoursAgo: 1 });

    const quiet = await signUp({}, ip); // 2 earlier in the window
    expect(quiet.decision.rules).toEqual([]);
    expect(quiet.decision.signals.signupsLast24h).toMatchObject({ sameIp: 2 });

    const fired = await signUp({}, ip); // 3 earlier: the two above and the quiet sign-up
    expect(fired.decision.rules).toEqual(["velocity_ip_24h"]);
    expect(fired.decision).toMatchObject({ outcome: "approve", score: 30 });
    expect(fired.decision.signals.signupsLast24h).toMatchObject({ sameIp: 3 });
  });

  it("velocity per domain: fires at 5 earlier owners at the domain in 24 h; free-mail domains are exempt", async () => {
    const domain = companyDomain();
    for (let i = 0; i < 4; i++) {
      await insertEarlierSignup(db, { email: `colleague${i}@${domain}`, ip: freshIp(), hoursAgo: 2 + i });
    }
    await insertEarlierSignup(db, { email: `old@${domain}`, ip: freshIp(), hoursAgo: 30 });
    const website = `https://www.${domain}`;

    const quiet = await signUp({ email: `jane.doe@${domain}`, website });
    expect(quiet.decision.rules).toEqual([]);
    expect(quiet.decision.signals.signupsLast24h).toMatchObject({ sameEmailDomain: 4 });

    const fired = await signUp({ email: `john.roe@${domain}`, website });
    expect(fired.decision.rules).toEqual(["velocity_domain_24h"]);
    expect(fired.decision).toMatchObject({ outcome: "approve", score: 25 });

    for (let i = 0; i < 5; i++) {
      await insertEarlierSignup(db, { email: `free.user${i}@gmail.com`, ip: freshIp(), hoursAgo: 1 });
    }
    const free = await signUp({ email: "another.person@gmail.com", website: undefined });
    expect(free.decision.signals.signupsLast24h).toMatchObject({ sameEmailDomain: expect.any(Number) });
    expect(
      (free.decision.signals.signupsLast24h as { sameEmailDomain: number }).sameEmailDomain,
    ).toBeGreaterThanOrEqual(5);
    expect(free.decision.rules).toEqual(["free_mail_domain"]);
  });

  it("high-risk country: fires for a listed country, quiet for others and when none is given", async () => {
    expect((await signUp({ country: "KP" })).decision).toMatchObject({
      rules: ["high_risk_country"],
      score: 30,
    });
    expect((await signUp({ country: "DE" })).decision.rules).toEqual([]);
    expect((await signUp({ country: undefined })).decision.rules).toEqual([]);
  });

  it("random or numeric local part: fires for generated-looking addresses, quiet for names", async () => {
    for (const local of ["x7k2q9zt4", "4155550123", "kqwpzmrtx"]) {
      const domain = companyDomain();
      const { decision } = await signUp({ email: `${local}@${domain}`, website: `https://www.${domain}` });
      expect(decision.rules, local).toEqual(["random_local_part"]);
      expect(decision.score, local).toBe(25);
    }
    for (const local of ["jane.doe", "john1985", "armstrong"]) {
      const domain = companyDomain();
      const { decision } = await signUp({ email: `${local}@${domain}`, website: `https://www.${domain}` });
      expect(decision.rules, local).toEqual([]);
    }
    // Free mail plus a generated address reaches review (15 + 25 = 40).
    const both = await signUp({ email: "x7k2q9zt4@gmail.com", website: undefined });
    expect(both.decision).toMatchObject({
      rules: ["free_mail_domain", "random_local_part"],
      outcome: "review",
    });
  });

  it("name/company/website consistency: fires for placeholder names and an unrelated website, quiet when they fit", async () => {
    const placeholder = await signUp({ accountName: "xxxx" });
    expect(placeholder.decision.rules).toEqual(["name_company_website_inconsistent"]);
    expect(placeholder.decision.firedRules[0]?.agentDetail).toContain("placeholder");

    // A company domain whose website is someone else's: both website rules fire (20 + 15).
    const unrelated = await signUp({ website: "https://cheap-pills.test" });
    expect(unrelated.decision.rules).toEqual([
      "name_company_website_inconsistent",
      "website_unrelated_to_email_domain",
    ]);
    expect(unrelated.decision).toMatchObject({ score: 35, outcome: "approve" });

    // Initials of the company are a match (International Business Machines ~ ibm).
    const domain = companyDomain();
    const initials = await signUp({
      accountName: "International Business Machines",
      email: `jane.doe@${domain}`,
      website: "https://www.ibm.test",
    });
    expect(initials.decision.rules).not.toContain("name_company_website_inconsistent");
  });

  it("website unrelated to the email domain: fires alone when the site matches the person, quiet for free mail", async () => {
    const { decision } = await signUp({ website: "https://janedoe.test" });
    expect(decision.rules).toEqual(["website_unrelated_to_email_domain"]);
    expect(decision.score).toBe(15);
    const free = await signUp({ email: "jane.doe.site@gmail.com", website: "https://janedoe.test" });
    expect(free.decision.rules).toEqual(["free_mail_domain"]);
  });

  it("rejects a strong signal with corroboration: one reject enforcement, the customer told how to appeal", async () => {
    const { result, decision } = await signUp({
      email: "jane.doe.kp@mailinator.com",
      website: undefined,
      country: "KP",
    });
    expect(decision).toMatchObject({ outcome: "reject", score: 100 });
    expect(decision.rules).toEqual(["disposable_domain", "high_risk_country"]);
    expect(result.vetting.customerSummary).toContain("open a ticket to appeal");
    const enforcements = await activeVettingEnforcements(result.accountId);
    expect(enforcements).toHaveLength(1);
    expect(enforcements[0]).toMatchObject({
      policy_code: "vetting.reject",
      evidence: { outcome: "reject", score: 100, policyVersion: 1 },
    });
  });

  it("a re-run of the check keeps the one active enforcement and records a second decision", async () => {
    const { result } = await signUp({ email: "jane.doe.rerun@mailinator.com", website: undefined });
    const [first] = await activeVettingEnforcements(result.accountId);
    const rerun = await vetSignup(deps, meta(), result.accountId);
    expect(rerun).toMatchObject({ outcome: "review", enforcement: { id: first?.id, created: false } });
    // Two at once (a double click on "send back through vetting") still leave exactly one.
    await Promise.all([vetSignup(deps, meta(), result.accountId), vetSignup(deps, meta(), result.accountId)]);
    expect(await activeVettingEnforcements(result.accountId)).toHaveLength(1);
    expect((await decisionsOf(result.accountId)).map((d) => d.outcome)).toEqual([
      "review",
      "review",
      "review",
      "review",
    ]);
    const created = await db
      .selectFrom("audit_events")
      .select("action")
      .where("account_id", "=", result.accountId)
      .where("action", "=", "enforcement.created")
      .execute();
    expect(created).toHaveLength(1);
  });

  it("a restricted account can still sign in (restriction blocks sending, never the way to help)", async () => {
    const { result, input } = await signUp({ email: "jane.doe.signin@mailinator.com", website: undefined });
    expect(await standing(result.accountId)).toBe("restricted");
    expect(result.stage).toBe("full");
    const session = await signIn(
      deps,
      meta(),
      "customer",
      { email: input.email, password: input.password },
      null,
    );
    expect(session.stage).toBe("full");
  });
});

describe("sign-up with vetting switched off by configuration", () => {
  it("records an unvetted approve (no policy version) and asks no DNS", async () => {
    const off = { ...deps, config: { ...deps.config, vettingEnabled: false } };
    const before = dns.queries.length;
    const input = signUpInput({ email: "jane.doe.off@mailinator.com" });
    const result = await signUpThroughEmail(off, meta(), input);
    expect(result.vetting.outcome).toBe("approve");
    expect(dns.queries.length).toBe(before);
    const [decision] = await decisionsOf(result.accountId);
    expect(decision).toMatchObject({ outcome: "approve", policyVersion: null, rules: [] });
    expect(await activeVettingEnforcements(result.accountId)).toEqual([]);
  });
});
