import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { OpenTicketInput } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyEnforcement,
  confirmTicketRemediation,
  findOpenTicketAbout,
  getAccountOverview,
  getCustomerTicket,
  markTicketSolved,
  openTicket,
  recordExposure,
} from "../../src/index.ts";
import { makeAccount, settle, testDeps } from "../support/fixtures.ts";

/** Opening tickets exactly once, the open ticket about a restriction, and the checklist's confirmation. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-open-confirm", ip: "203.0.113.11", userAgent: "vitest" };
const scanner = { type: "service" as const, name: "exposure-scan" };

async function ticketCount(accountId: string) {
  const row = await database.db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function exposedAccount() {
  const deps = testDeps(database.db);
  const acct = await makeAccount(database.db, "Leaky");
  await recordExposure(deps, scanner, null, {
    candidate: acct.key.full,
    source: "exposure_scan",
    location: "https://code.example/leaky/app/blob/main/.env",
  });
  const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
  return { deps, acct, owner };
}

describe("opening a ticket exactly once", () => {
  it("one submit key fired 12 times at once opens one ticket, one message and one mail; every caller gets it", async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db, "Twice");
    const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
    const input = OpenTicketInput.parse({
      category: "other",
      subject: "Double click",
      body: "I pressed send twice.",
      idempotencyKey: "open-submit-0123456789",
    });
    const { values, errors } = await settle(
      Array.from({ length: 12 }, () => openTicket(deps, owner, meta, input)),
    );
    expect(errors).toEqual([]);
    expect(new Set(values.map((v) => v.id)).size).toBe(1);
    expect(values.filter((v) => !v.replayed)).toHaveLength(1);
    expect(await ticketCount(acct.accountId)).toBe(1);
    const messages = await database.db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", values[0]?.id ?? "")
      .execute();
    expect(messages).toHaveLength(1);
    const mails = await database.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("to_address", "=", acct.ownerEmail)
      .where("template", "=", "ticket_received")
      .execute();
    expect(mails).toHaveLength(1);
    const audits = await database.db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "ticket.opened")
      .where("account_id", "=", acct.accountId)
      .execute();
    expect(audits).toHaveLength(1);

    // Another submit (another key) is another ticket; the same key on another account is its own.
    await openTicket(deps, owner, meta, { ...input, idempotencyKey: "open-submit-other-key" });
    expect(await ticketCount(acct.accountId)).toBe(2);
    const other = await makeAccount(database.db, "Elsewhere");
    const again = await openTicket(deps, { userId: other.ownerId, accountId: other.accountId }, meta, input);
    expect(again.replayed).toBe(false);
    expect(await ticketCount(other.accountId)).toBe(1);
  });
});

describe("a second ticket about the same restriction", () => {
  it("offers the open ticket linked to the active enforcement — only to who may see it, and not once it is solved", async () => {
    const { deps, acct, owner } = await exposedAccount();
    expect(await findOpenTicketAbout(deps, owner, "exposed_credentials")).toBeNull();
    const first = await openTicket(
      deps,
      owner,
      meta,
      OpenTicketInput.parse({
        category: "exposed_credentials",
        subject: "Our key leaked",
        body: "It was in a public repository.",
        form: { whereLeaked: "public repository", rotationConfirmed: false },
      }),
    );
    const found = await findOpenTicketAbout(deps, owner, "exposed_credentials");
    expect(found).toMatchObject({ id: first.id, number: first.number, subject: "Our key leaked" });
    expect(await findOpenTicketAbout(deps, owner, "other")).toBeNull();
    expect(await findOpenTicketAbout(deps, owner, "dormant_account")).toBeNull();
    // A member who did not open it is not shown a colleague's ticket.
    const member = await database.db
      .insertInto("customer_users")
      .values({
        account_id: acct.accountId,
        email: `member-${first.number}@leaky.example`,
        name: "Member",
        role: "member",
        password_hash: "not-used",
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(
      await findOpenTicketAbout(
        deps,
        { userId: member.id, accountId: acct.accountId, role: "member" },
        "exposed_credentials",
      ),
    ).toBeNull();
    await markTicketSolved(deps, owner, meta, first.id);
    expect(await findOpenTicketAbout(deps, owner, "exposed_credentials")).toBeNull();
  });
});

describe("confirming on the ticket what the checklist asks", () => {
  it("the clean-up confirmation turns the checklist item done, is written into the conversation, audited and idempotent", async () => {
    const { deps, acct, owner } = await exposedAccount();
    const opened = await openTicket(
      deps,
      owner,
      meta,
      OpenTicketInput.parse({
        category: "exposed_credentials",
        subject: "Our key leaked",
        body: "We are rotating it now.",
        form: { whereLeaked: "public repository", rotationConfirmed: false },
      }),
    );
    const item = async () =>
      (await getAccountOverview(deps, acct.accountId)).restrictions
        .find((r) => r.reason === "exposed_credentials")
        ?.checklist.find((c) => c.text.startsWith("Confirm on your ticket"));
    expect((await item())?.done).toBe(false);
    const before = await getCustomerTicket(deps, owner, opened.id);
    expect(before.confirmation).toMatchObject({ kind: "exposed_credentials_cleanup", confirmedAt: null });

    const { values, errors } = await settle(
      Array.from({ length: 6 }, () => confirmTicketRemediation(deps, owner, meta, opened.id)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => !v.replayed)).toHaveLength(1);
    expect((await item())?.done).toBe(true);

    const after = await getCustomerTicket(deps, owner, opened.id);
    expect(after.confirmation?.confirmedAt).not.toBeNull();
    expect(after.messages.map((m) => m.body)).toEqual([
      "We are rotating it now.",
      "I revoked the exposed key, created a replacement and removed the key from where it leaked.",
    ]);
    const audits = await database.db
      .selectFrom("audit_events")
      .select(["actor_type", "after"])
      .where("action", "=", "ticket.remediation_confirmed")
      .where("subject_id", "=", opened.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actor_type).toBe("customer");

    // Another account cannot confirm on this ticket (nor learn that it exists).
    const other = await makeAccount(database.db, "Other");
    const refused = await confirmTicketRemediation(
      deps,
      { userId: other.ownerId, accountId: other.accountId, role: "owner" },
      meta,
      opened.id,
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
  });

  it("an older dormant-account request is confirmed again after the deactivation, and the checklist turns done", async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db, "Sleepy");
    const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
    const opened = await openTicket(
      deps,
      owner,
      meta,
      OpenTicketInput.parse({
        category: "dormant_account",
        subject: "We will send again soon",
        body: "Heads-up before the season.",
        form: {
          intendedUse: "Booking confirmations to guests who booked with us.",
          expectedMonthlyVolume: 1500,
          sendingDomains: ["sleepy.example"],
        },
      }),
    );
    // Without a deactivation there is nothing to confirm.
    expect((await getCustomerTicket(deps, owner, opened.id)).confirmation).toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    await database.db.transaction().execute((trx) =>
      applyEnforcement(trx, { type: "system" }, null, {
        accountId: acct.accountId,
        policyCode: "dormancy.inactive",
        evidence: { reason: "dormancy", lastActivityDay: "2025-01-31", plan: "free", dormancyDays: 90 },
      }),
    );
    const requestItem = async () =>
      (await getAccountOverview(deps, acct.accountId)).restrictions.find((r) => r.reason === "dormancy")
        ?.checklist[0];
    expect((await requestItem())?.done).toBe(false);
    expect((await getCustomerTicket(deps, owner, opened.id)).confirmation).toMatchObject({
      kind: "dormant_reactivation",
      confirmedAt: null,
    });
    const confirmed = await confirmTicketRemediation(deps, owner, meta, opened.id);
    expect(confirmed.replayed).toBe(false);
    expect((await requestItem())?.done).toBe(true);
    expect((await confirmTicketRemediation(deps, owner, meta, opened.id)).replayed).toBe(true);
  });
});
