import type { Executor } from "@trustdesk/db";
import type { EnforcementEvidence, TicketCategory } from "@trustdesk/domain";
import { issueApiKey } from "../credentials/issue-api-key.ts";
import { seedActivity } from "./seed-activity.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Two months of finished work behind the demo, so the metrics page has something to show: accounts
 * that signed up (vetted; some reviewed and approved by an agent), tickets opened, answered and
 * closed, restrictions opened and lifted. Everything here is over: the tickets are closed (at least
 * a day ago) and every restriction is lifted, so the queue, the vetting queue, the approvals and the
 * demo scenarios read exactly as without it. Deterministic: the same numbers on every seed.
 */
export const DEMO_HISTORY_ACCOUNTS = [
  "Harbor Analytics",
  "Lumen Labs",
  "Orchard Goods",
  "Tidewater Travel",
  "Copperline Media",
  "Maple & Finch",
  "Brightpath Tutors",
  "Nimbus Weather",
  "Redwood Dental",
  "Foxglove Studio",
] as const;

const SUBJECTS: ReadonlyArray<{ category: TicketCategory; subject: string }> = [
  { category: "other", subject: "Bounce rate spiked after a DNS change" },
  { category: "other", subject: "DKIM record is not verifying" },
  { category: "other", subject: "Invoice shows the wrong plan" },
  { category: "other", subject: "How do I rotate an API key?" },
  { category: "exposed_credentials", subject: "A key of ours was posted in a public gist" },
  { category: "other", subject: "Messages land in spam at Outlook" },
  { category: "signup_vetting", subject: "Why is our new account under review?" },
  { category: "other", subject: "Webhook events arrive late" },
  { category: "account_takeover", subject: "Sign-ins we don't recognise" },
  { category: "other", subject: "Suppression list import failed" },
  { category: "dormant_account", subject: "Turn our paused account back on" },
  { category: "other", subject: "Question about the sending limits" },
];

/** Team hours to the first reply, in turn: mostly within a day, a few past 24 h, one past 48 h. */
const FIRST_REPLY_HOURS = [1.5, 3, 6, 10, 18, 26, 4, 2, 30, 8, 52, 5, 12, 7];
/** Hours from the first reply to solved. */
const SOLVE_AFTER_HOURS = [4, 20, 30, 48, 6, 12, 2, 36, 60, 9];

export async function seedDemoHistory(
  trx: Executor,
  now: Date,
  ids: { agentId: string; leadId: string; passwordHash: string },
) {
  const accounts: Array<{ id: string; userId: string; createdAt: Date; keyId: string; keyPrefix: string }> =
    [];
  for (const [i, name] of DEMO_HISTORY_ACCOUNTS.entries()) {
    const createdAt = new Date(now.getTime() - (62 - i * 5) * DAY - (i % 3) * 5 * HOUR);
    const slug = name.toLowerCase().replace(/[^a-z]+/g, "");
    const account = await trx
      .insertInto("accounts")
      .values({
        name,
        plan: i % 3 === 0 ? "pro" : "free",
        website: `https://${slug}.test`,
        country: "US",
        signup_ip: "198.51.100.20",
        created_at: createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto("customer_users")
      .values({
        account_id: account.id,
        email: `owner@${slug}.test`,
        name: `${name} owner`,
        role: "owner",
        password_hash: ids.passwordHash,
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
        created_at: createdAt,
        password_changed_at: createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const key = await issueApiKey(trx, {
      accountId: account.id,
      name: "Production sender",
      createdByUserId: user.id,
      createdAt,
    });
    // Sending every day: none of these accounts is dormant.
    await seedActivity(trx, account.id, now, 0);
    accounts.push({
      id: account.id,
      userId: user.id,
      createdAt,
      keyId: key.id,
      keyPrefix: `SG.${key.keyId}`,
    });

    // Vetting at sign-up: every third account went to review and an agent approved it (overturned).
    const reviewed = i % 3 === 1;
    const decision = await trx
      .insertInto("vetting_decisions")
      .values({
        account_id: account.id,
        outcome: reviewed ? "review" : "approve",
        score: reviewed ? 45 : 10,
        fired_rules: JSON.stringify(
          reviewed
            ? [
                {
                  rule: "website_unrelated_to_email_domain",
                  weight: 15,
                  agentDetail: "website unrelated to the email domain",
                },
              ]
            : [],
        ),
        signals: "{}",
        decided_by: "policy",
        decided_by_staff_id: null,
        policy_version: 1,
        note: "demo history",
        created_at: createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (reviewed) {
      const decidedAt = new Date(createdAt.getTime() + (4 + i * 3) * HOUR);
      await trx
        .insertInto("vetting_decisions")
        .values({
          account_id: account.id,
          outcome: "approve",
          score: 0,
          fired_rules: "[]",
          signals: "{}",
          decided_by: "staff",
          decided_by_staff_id: ids.agentId,
          note: "Checked the website and the sending domain: a real business.",
          policy_version: null,
          created_at: decidedAt,
        })
        .execute();
      await insertLifted(trx, account.id, ids.agentId, createdAt, decidedAt, {
        reason: "signup_vetting",
        vettingDecisionId: decision.id,
        outcome: "review",
        score: 45,
        policyVersion: 1,
      });
    }
  }

  // Restrictions opened and lifted over the two months (the sign-up reviews are above).
  const at = (daysAgo: number, hour = 10) => new Date(now.getTime() - daysAgo * DAY + (hour - 12) * HOUR);
  const acct = (i: number) => accounts[i % accounts.length] as (typeof accounts)[number];
  const lifted: Array<[number, number, number, EnforcementEvidence["reason"]]> = [
    // [account, days ago opened, hours to lift, reason]
    [0, 50, 30, "dormancy"],
    [2, 38, 96, "dormancy"],
    [5, 20, 52, "dormancy"],
    [3, 44, 6, "exposed_credentials"],
    [6, 27, 14, "exposed_credentials"],
    [8, 12, 4, "exposed_credentials"],
    [4, 33, 70, "account_takeover"],
    [9, 16, 40, "account_takeover"],
    [7, 24, 20, "manual"],
  ];
  for (const [i, daysAgo, hours, reason] of lifted) {
    const a = acct(i);
    const from = at(daysAgo, 9 + (i % 6));
    const evidence: EnforcementEvidence =
      reason === "dormancy"
        ? {
            reason,
            lastActivityDay: new Date(from.getTime() - 120 * DAY).toISOString().slice(0, 10),
            plan: "free",
            dormancyDays: 90,
          }
        : reason === "exposed_credentials"
          ? {
              reason,
              keys: [{ apiKeyId: a.keyId, keyPrefix: a.keyPrefix, name: "Production sender" }],
              source: "partner_webhook",
              location: "https://code.example/snippets/env",
              foundAt: from.toISOString(),
            }
          : reason === "account_takeover"
            ? {
                reason,
                reportId: `demo-history-${i}`,
                reporterKind: "fraud_analyst",
                signals: ["new device", "sender settings changed"],
                summary: "Sign-ins from a new country, then the sender settings changed.",
                reportedAt: from.toISOString(),
              }
            : {
                reason: "manual",
                manualReason: "spam_complaints",
                note: "Complaint rate over 0.3 % for three days in a row.",
              };
    await insertLifted(
      trx,
      a.id,
      reason === "account_takeover" ? ids.leadId : ids.agentId,
      from,
      new Date(from.getTime() + hours * HOUR),
      evidence,
    );
  }

  // Tickets: a few a day from 60 to 9 days ago, answered and solved, then closed four days later.
  let n = 0;
  for (let daysAgo = 60; daysAgo >= 9; daysAgo--) {
    const weekday = (daysAgo * 3) % 7;
    const count = weekday === 0 || weekday === 1 ? 1 : 2 + ((daysAgo * 5) % 3);
    for (let j = 0; j < count; j++) {
      const s = SUBJECTS[n % SUBJECTS.length] as (typeof SUBJECTS)[number];
      const a = acct(n);
      const createdAt = at(daysAgo, 8 + ((j * 4 + daysAgo) % 9));
      const teamMs = (FIRST_REPLY_HOURS[n % FIRST_REPLY_HOURS.length] as number) * HOUR;
      // Every fifth ticket waited 3 h on the customer before the first reply: the clock paused.
      const pausedMs = n % 5 === 2 ? 3 * HOUR : 0;
      const firstResponseAt = new Date(createdAt.getTime() + teamMs + pausedMs);
      const solvedAt = new Date(
        firstResponseAt.getTime() + (SOLVE_AFTER_HOURS[n % SOLVE_AFTER_HOURS.length] as number) * HOUR,
      );
      const closedAt = new Date(solvedAt.getTime() + 4 * DAY);
      const row = await trx
        .insertInto("tickets")
        .values({
          account_id: a.id,
          opened_by_user_id: a.userId,
          category: s.category,
          subject: s.subject,
          status: "closed",
          form: "{}",
          assignee_staff_id: ids.agentId,
          case_id: null,
          enforcement_id: null,
          escalated_at: null,
          first_response_at: firstResponseAt,
          first_response_team_ms: teamMs,
          age_alarm: null,
          created_at: createdAt,
          updated_at: closedAt,
          solved_at: solvedAt,
          closed_at: closedAt,
          clock_paused_ms: pausedMs,
          clock_paused_since: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("ticket_messages")
        .values([
          {
            ticket_id: row.id,
            author_customer_user_id: a.userId,
            author_staff_id: null,
            visibility: "public",
            body: `${s.subject}. Could you take a look?`,
            created_at: createdAt,
          },
          {
            ticket_id: row.id,
            author_customer_user_id: null,
            author_staff_id: ids.agentId,
            visibility: "public",
            body: "Thanks for writing in: we looked into it, and here is what to do next.",
            created_at: firstResponseAt,
          },
        ])
        .execute();
      n++;
    }
  }
}

async function insertLifted(
  trx: Executor,
  accountId: string,
  staffId: string,
  createdAt: Date,
  liftedAt: Date,
  evidence: EnforcementEvidence,
) {
  await trx
    .insertInto("enforcements")
    .values({
      account_id: accountId,
      reason: evidence.reason,
      status: "lifted",
      policy_code: `demo.${evidence.reason}`,
      evidence: JSON.stringify(evidence),
      note: null,
      case_id: null,
      created_by_staff_id: null,
      created_by_service: "demo-seed",
      created_at: createdAt,
      lifted_at: liftedAt,
      lifted_by_staff_id: staffId,
      lift_approved_by_staff_id: null,
      lift_decision: null,
    })
    .execute();
}
