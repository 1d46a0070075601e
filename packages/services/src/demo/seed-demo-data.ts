import { createHash, randomBytes } from "node:crypto";
import { appendAuditEvent, type Executor, nextCaseNumber } from "@trustdesk/db";
import type { EnforcementReason, TicketCategory, TicketStatus } from "@trustdesk/domain";
import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";
import { hashPassword } from "../security/passwords.ts";
import { generateRecoveryCodes, hashRecoveryCode } from "../security/recovery-codes.ts";
import { sealSecret } from "../security/secret-box.ts";
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_STAFF } from "./demo-identities.ts";

export interface SeedResult {
  seeded: boolean;
  accounts: number;
  staff: number;
}

const HOUR = 3_600_000;

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
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const key = await insertDemoApiKey(trx, account.id, user.id, "Production sender");
      await seedActivity(trx, account.id, now, c.scenario === "dormancy" ? 200 : 0);
      await trx
        .insertInto("vetting_decisions")
        .values({
          account_id: account.id,
          outcome: c.scenario === "signup_vetting" ? "review" : "approve",
          score: c.scenario === "signup_vetting" ? 55 : 5,
          fired_rules: JSON.stringify(
            c.scenario === "signup_vetting"
              ? [
                  { rule: "free_mail_domain", weight: 15, detail: "sign-up email uses a free-mail provider" },
                  { rule: "velocity_ip_24h", weight: 25, detail: "4 sign-ups from this IP in 24 h" },
                  {
                    rule: "website_unrelated",
                    weight: 15,
                    detail: "website domain unrelated to the email domain",
                  },
                ]
              : [],
          ),
          signals: "{}",
          decided_by: "policy",
          decided_by_staff_id: null,
          policy_version: null,
          note: "demo data",
          created_at: createdAt,
        })
        .execute();

      const enforce = async (
        reason: EnforcementReason,
        policyCode: string,
        evidence: object,
        withCase: boolean,
      ) => {
        const since = new Date(now.getTime() - 3 * 24 * HOUR);
        const kase = withCase
          ? await trx
              .insertInto("cases")
              .values({
                number: await nextCaseNumber(trx, now),
                account_id: account.id,
                reason,
                hotline_number: reason === "account_takeover" ? deps.config.hotlineNumber : null,
                summary: `Demo ${reason.replaceAll("_", " ")} case for ${c.accountName}`,
                opened_by_staff_id: staffIds.fraud_analyst ?? null,
                opened_by_service: null,
                created_at: since,
                resolved_at: null,
              })
              .returning("id")
              .executeTakeFirstOrThrow()
          : null;
        const e = await trx
          .insertInto("enforcements")
          .values({
            account_id: account.id,
            reason,
            policy_code: policyCode,
            evidence: JSON.stringify(evidence),
            note: "demo data",
            case_id: kase?.id ?? null,
            created_by_staff_id: null,
            created_by_service: "demo-seed",
            created_at: since,
            lifted_at: null,
            lifted_by_staff_id: null,
            lift_approved_by_staff_id: null,
            lift_decision: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await appendAuditEvent(trx, {
          actorType: "system",
          actorId: "demo-seed",
          action: "enforcement.created",
          subjectType: "enforcement",
          subjectId: e.id,
          accountId: account.id,
          after: { reason, policyCode },
        });
        return { enforcementId: e.id, caseId: kase?.id ?? null };
      };
      const ticket = (
        category: TicketCategory,
        subject: string,
        status: TicketStatus,
        ageHours: number,
        links: object = {},
      ) =>
        insertDemoTicket(trx, {
          accountId: account.id,
          userId: user.id,
          category,
          subject,
          status,
          ageHours,
          now,
          ...links,
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
            .set({ disabled_at: now })
            .where("account_id", "=", account.id)
            .execute();
          const links = await enforce(
            "account_takeover",
            "ATO-FRAUD-REPORT",
            { reportedBy: "fraud_analyst", signal: "impossible travel" },
            true,
          );
          await ticket("account_takeover", "Someone changed my sender settings", "open", 50, {
            ...links,
            escalated: true,
            form: { caseNumber: "(see case)" },
          });
          break;
        }
        case "signup_vetting": {
          const links = await enforce("signup_vetting", "DNA-REVIEW", { score: 55 }, false);
          await ticket("signup_vetting", "Why can't my new account send?", "new", 5, links);
          break;
        }
        case "dormancy": {
          const links = await enforce(
            "dormancy",
            "DORMANT-90D",
            { lastActivityDay: "200 days ago", plan: "free" },
            false,
          );
          await ticket(
            "dormant_account",
            "Please reactivate our account for the holiday season",
            "pending_customer",
            26,
            {
              ...links,
              form: { intendedUse: "Booking confirmations", monthlyVolume: 2000 },
            },
          );
          break;
        }
        case "exposed_credentials": {
          await trx
            .updateTable("api_keys")
            .set({ revoked_at: now, revoked_reason: "exposed" })
            .where("id", "=", key.id)
            .execute();
          const links = await enforce(
            "exposed_credentials",
            "KEY-EXPOSED-PUBLIC",
            { keyPrefix: `SG.${key.keyId}` },
            true,
          );
          await trx
            .insertInto("credential_exposures")
            .values({
              api_key_id: key.id,
              account_id: account.id,
              source: "partner_webhook",
              location: "https://code.example/pixelforge/site/blob/main/.env",
              case_id: links.caseId,
              enforcement_id: links.enforcementId,
            })
            .execute();
          await ticket("exposed_credentials", "Our key leaked in a public repo", "open", 20, {
            ...links,
            form: { whereLeaked: "public repository", rotated: false },
          });
          break;
        }
      }
    }
    return { seeded: true, accounts: DEMO_CUSTOMERS.length, staff: DEMO_STAFF.length };
  });
}

async function insertDemoApiKey(trx: Executor, accountId: string, userId: string, name: string) {
  const keyId = randomBytes(16).toString("base64url").slice(0, 22);
  const secret = randomBytes(32).toString("base64url");
  const row = await trx
    .insertInto("api_keys")
    .values({
      account_id: accountId,
      name,
      key_id: keyId,
      secret_hash: createHash("sha256").update(secret).digest(),
      created_by_user_id: userId,
      last_used_at: null,
      disabled_at: null,
      revoked_at: null,
      revoked_reason: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, keyId };
}

async function seedActivity(trx: Executor, accountId: string, now: Date, idleDays: number) {
  const rows = Array.from({ length: 30 }, (_, d) => {
    const day = new Date(now.getTime() - (idleDays + d) * 24 * HOUR).toISOString().slice(0, 10);
    return {
      account_id: accountId,
      day,
      mail_sent: 200 + ((d * 37) % 150),
      api_calls: 50 + ((d * 13) % 40),
      sign_ins: d % 7 === 0 ? 1 : 0,
    };
  });
  await trx.insertInto("activity_daily").values(rows).execute();
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
