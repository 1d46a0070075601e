import type { Executor } from "@trustdesk/db";
import {
  CLOCK_PAUSED_STATUSES,
  DEFAULT_VETTING_POLICY,
  type EnforcementEvidence,
  evaluateSignup,
  type SignupSignals,
  type TicketCategory,
  type TicketStatus,
} from "@trustdesk/domain";
import { sql } from "kysely";
import type { Actor } from "../audit/audit-actor.ts";
import { openCase } from "../cases/open-case.ts";
import { issueApiKey } from "../credentials/issue-api-key.ts";
import type { ServiceDeps } from "../deps.ts";
import { applyEnforcement } from "../enforcement/apply-enforcement.ts";
import { hashPassword } from "../security/passwords.ts";
import { generateRecoveryCodes, hashRecoveryCode } from "../security/recovery-codes.ts";
import { sealSecret } from "../security/secret-box.ts";
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_STAFF, DEMO_TEAM_MEMBERS } from "./demo-identities.ts";
import { seedActivity } from "./seed-activity.ts";
import { DEMO_HISTORY_ACCOUNTS, seedDemoHistory } from "./seed-demo-history.ts";

export interface SeedResult {
  seeded: boolean;
  accounts: number;
  staff: number;
}

const HOUR = 3_600_000;
const SEED_ACTOR: Actor = { type: "service", name: "demo-seed" };

/**
 * The demo dataset: healthy accounts, one account under each of the four enforcement reasons with
 * its case and tickets, and one staff member of each role. Idempotent: a second run sees the demo
 * staff and changes nothing. Never called in production mode (the app refuses).
 */
export async function seedDemoData(deps: ServiceDeps): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.fastPasswordHashing);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // Serialise concurrent seeders (two processes starting at once) on an advisory lock.
    await sql`select pg_advisory_xact_lock(727001)`.execute(trx);
    const existing = await trx
      .selectFrom("staff_users")
      .select("id")
      .where("email", "=", DEMO_STAFF[0].email)
      .executeTakeFirst();
    if (existing) return { seeded: false, accounts: 0, staff: 0 };

    const staffIds: Record<string, string> = {};
    for (const s of DEMO_STAFF) {
      const row = await trx
        .insertInto("staff_users")
        .values({
          email: s.email,
          name: s.name,
          role: s.role,
          password_hash: passwordHash,
          totp_secret_enc: sealSecret(deps.config.secretKey, s.totpSecret),
          totp_enabled_at: now,
          totp_last_step: null,
          locked_until: null,
          last_sign_in_at: null,
          disabled_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      staffIds[s.role] = row.id;
      await trx
        .insertInto("recovery_codes")
        .values(
          generateRecoveryCodes().map((c) => ({
            staff_user_id: row.id,
            customer_user_id: null,
            code_hash: hashRecoveryCode(c),
          })),
        )
        .execute();
    }

    for (const [i, c] of DEMO_CUSTOMERS.entries()) {
      const createdAt = new Date(now.getTime() - (c.scenario === "dormancy" ? 400 : 30 + i * 20) * 24 * HOUR);
      const account = await trx
        .insertInto("accounts")
        .values({
          name: c.accountName,
          plan: c.scenario === "healthy" ? "pro" : "free",
          website: `https://${c.email.split("@")[1]}`,
          country: "US",
          signup_ip: "203.0.113.10",
          created_at: createdAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const user = await trx
        .insertInto("customer_users")
        .values({
          account_id: account.id,
          email: c.email,
          name: c.name,
          role: "owner",
          password_hash: passwordHash,
          totp_secret_enc: null,
          totp_enabled_at: null,
          totp_last_step: null,
          locked_until: null,
          last_sign_in_at: null,
          created_at: createdAt,
          // The demo's history starts at sign-up: nothing of the recovery checklists is done yet.
          password_changed_at: createdAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const member of DEMO_TEAM_MEMBERS.filter((m) => m.ownerEmail === c.email)) {
        await trx
          .insertInto("customer_users")
          .values({
            account_id: account.id,
            email: member.email,
            name: member.name,
            role: member.role,
            password_hash: passwordHash,
            totp_secret_enc: null,
            totp_enabled_at: null,
            totp_last_step: null,
            locked_until: null,
            last_sign_in_at: null,
            created_at: new Date(createdAt.getTime() + 24 * HOUR),
            password_changed_at: createdAt,
          })
          .execute();
      }
      const key = await issueApiKey(trx, {
        accountId: account.id,
        name: "Production sender",
        createdByUserId: user.id,
        createdAt,
      });
      await seedActivity(trx, account.id, now, c.scenario === "dormancy" ? 200 : 0);
      const restricted = c.scenario === "signup_vetting";
      // Real signals, scored by the real engine under version 1, so a decision reads (and a draft
      // policy replays) like one made at sign-up. The vetting scenario was sent back through vetting
      // three days ago: one browser and one IP behind several new accounts that day.
      const signals = demoSignupSignals(c, restricted);
      const evaluation = evaluateSignup(DEFAULT_VETTING_POLICY, signals);
      if ((evaluation.outcome === "review") !== restricted) {
        throw new Error(`demo vetting for ${c.accountName} came out ${evaluation.outcome}`);
      }
      const decision = await trx
        .insertInto("vetting_decisions")
        .values({
          account_id: account.id,
          outcome: evaluation.outcome,
          score: evaluation.score,
          fired_rules: JSON.stringify(evaluation.firedRules),
          signals: JSON.stringify(signals),
          decided_by: "policy",
          decided_by_staff_id: null,
          policy_version: evaluation.policyVersion,
          note: "demo data",
          created_at: restricted ? new Date(now.getTime() - 3 * 24 * HOUR) : createdAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();

      const since = new Date(now.getTime() - 3 * 24 * HOUR);
      const enforce = async (evidence: EnforcementEvidence, policyCode: string, withCase: boolean) => {
        const kase = withCase
          ? await openCase(trx, deps, SEED_ACTOR, null, {
              accountId: account.id,
              reason: evidence.reason,
              summary: `Demo ${evidence.reason.replaceAll("_", " ")} case for ${c.accountName}`,
            })
          : null;
        const e = await applyEnforcement(trx, SEED_ACTOR, null, {
          accountId: account.id,
          policyCode,
          evidence,
          caseId: kase?.id ?? null,
        });
        // Backdated so that the demo's tickets and ages read plausibly.
        await sql`update enforcements set created_at = ${since} where id = ${e.id}`.execute(trx);
        return { enforcementId: e.id, caseId: kase?.id ?? null };
      };
      const ticket = (
        category: TicketCategory,
        subject: string,
        status: TicketStatus,
        ageHours: number,
        extra: Partial<DemoTicket> = {},
      ) =>
        insertDemoTicket(trx, {
          accountId: account.id,
          userId: user.id,
          category,
          subject,
          status,
          ageHours,
          now,
          ...extra,
        });

      switch (c.scenario) {
        case "healthy":
          await ticket(
            "other",
            "How do I add a second sending domain?",
            i === 0 ? "solved" : "new",
            i === 0 ? 100 : 30,
            {
              reply:
                i === 0
                  ? { staffId: staffIds.agent, body: "Add it under Settings → Sender authentication." }
                  : undefined,
            },
          );
          break;
        case "account_takeover": {
          await trx
            .updateTable("api_keys")
            .set({ disabled_at: since })
            .where("account_id", "=", account.id)
            .execute();
          const links = await enforce(
            {
              reason: "account_takeover",
              reportId: "demo-report-1",
              reporterKind: "fraud_analyst",
              signals: ["impossible travel", "new device changed sender settings"],
              summary: "Sign-ins from two continents within an hour, then the sender settings changed.",
              reportedAt: since.toISOString(),
            },
            "ato.reported_by_fraud",
            true,
          );
          await ticket("account_takeover", "Someone changed my sender settings", "open", 50, {
            ...links,
            escalated: true,
          });
          break;
        }
        case "signup_vetting": {
          const links = await enforce(
            {
              reason: "signup_vetting",
              vettingDecisionId: decision.id,
              outcome: "review",
              score: evaluation.score,
              policyVersion: evaluation.policyVersion,
            },
            "vetting.review",
            false,
          );
          await ticket("signup_vetting", "Why can't my new account send?", "new", 5, links);
          break;
        }
        case "dormancy": {
          const lastActivityDay = new Date(now.getTime() - 200 * 24 * HOUR).toISOString().slice(0, 10);
          const links = await enforce(
            { reason: "dormancy", lastActivityDay, plan: "free", dormancyDays: 90 },
            "dormancy.inactive",
            false,
          );
          await ticket(
            "dormant_account",
            "Please reactivate our account for the holiday season",
            "pending_customer",
            26,
            {
              ...links,
              form: {
                intendedUse: "Booking confirmations and a monthly newsletter to past guests who opted in.",
                expectedMonthlyVolume: 2000,
                sendingDomains: ["sleepyhollow.test"],
              },
            },
          );
          break;
        }
        case "exposed_credentials": {
          await trx
            .updateTable("api_keys")
            .set({ revoked_at: since, revoked_reason: "exposed" })
            .where("id", "=", key.id)
            .execute();
          const location = "https://code.example/pixelforge/site/blob/main/.env";
          const links = await enforce(
            {
              reason: "exposed_credentials",
              keys: [{ apiKeyId: key.id, keyPrefix: `SG.${key.keyId}`, name: "Production sender" }],
              source: "partner_webhook",
              location,
              foundAt: since.toISOString(),
            },
            "exposure.partner_webhook",
            true,
          );
          await trx
            .insertInto("credential_exposures")
            .values({
              api_key_id: key.id,
              account_id: account.id,
              source: "partner_webhook",
              location,
              found_at: since,
              case_id: links.caseId,
              enforcement_id: links.enforcementId,
            })
            .execute();
          await ticket("exposed_credentials", "Our key leaked in a public repo", "open", 20, {
            ...links,
            form: { whereLeaked: "public repository" },
          });
          break;
        }
      }
    }
    // Two months of finished work behind the scenarios, for the metrics page.
    await seedDemoHistory(trx, now, {
      agentId: staffIds.agent as string,
      leadId: staffIds.lead as string,
      passwordHash,
    });
    return {
      seeded: true,
      accounts: DEMO_CUSTOMERS.length + DEMO_HISTORY_ACCOUNTS.length,
      staff: DEMO_STAFF.length,
    };
  });
}

interface DemoTicket {
  accountId: string;
  userId: string;
  category: TicketCategory;
  subject: string;
  status: TicketStatus;
  ageHours: number;
  now: Date;
  enforcementId?: string;
  caseId?: string | null;
  escalated?: boolean;
  form?: Record<string, unknown>;
  reply?: { staffId: string | undefined; body: string } | undefined;
}

async function insertDemoTicket(trx: Executor, t: DemoTicket) {
  const createdAt = new Date(t.now.getTime() - t.ageHours * HOUR);
  const row = await trx
    .insertInto("tickets")
    .values({
      account_id: t.accountId,
      opened_by_user_id: t.userId,
      category: t.category,
      subject: t.subject,
      status: t.status,
      form: JSON.stringify(t.form ?? {}),
      assignee_staff_id: null,
      case_id: t.caseId ?? null,
      enforcement_id: t.enforcementId ?? null,
      escalated_at: t.escalated ? createdAt : null,
      first_response_at: t.reply ? new Date(createdAt.getTime() + 5 * HOUR) : null,
      first_response_team_ms: t.reply ? 5 * HOUR : null,
      // A ticket seeded as waiting on the customer (or on hold) has its clock paused, as if an agent
      // had set it so two hours in: otherwise it would read as "over 24 h" while nobody owes an answer.
      clock_paused_since: CLOCK_PAUSED_STATUSES.includes(t.status)
        ? new Date(createdAt.getTime() + 2 * HOUR)
        : null,
      age_alarm: null,
      created_at: createdAt,
      updated_at: createdAt,
      solved_at: t.status === "solved" ? t.now : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("ticket_messages")
    .values({
      ticket_id: row.id,
      author_customer_user_id: t.userId,
      author_staff_id: null,
      visibility: "public",
      body: `${t.subject}. Can you help?`,
      created_at: createdAt,
    })
    .execute();
  if (t.reply?.staffId) {
    await trx
      .insertInto("ticket_messages")
      .values({
        ticket_id: row.id,
        author_customer_user_id: null,
        author_staff_id: t.reply.staffId,
        visibility: "public",
        body: t.reply.body,
        created_at: new Date(createdAt.getTime() + 5 * HOUR),
      })
      .execute();
  }
}

/** The sign-up signals of a demo customer (company domain, consistent details; a farm for the vetting one). */
function demoSignupSignals(c: (typeof DEMO_CUSTOMERS)[number], farmed: boolean): SignupSignals {
  const [localPart = "owner", domain = ""] = c.email.split("@");
  return {
    emailDomain: domain,
    emailLocalPart: localPart,
    isDisposableDomain: false,
    isFreeMailDomain: false,
    dns: { status: "ok", hasMx: true, hasA: true, nullMx: false },
    signupsLast24h: farmed
      ? { sameIp: 4, sameEmailDomain: 0, sameDevice: 2 }
      : { sameIp: 0, sameEmailDomain: 0, sameDevice: null },
    country: "US",
    name: c.name,
    company: c.accountName,
    website: domain,
  };
}
