import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { OpenTicketInput } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerTicket,
  assignTicket,
  changeTicketStatus,
  closeSolvedTickets,
  getCustomerTicket,
  getTicketForStaff,
  markTicketSolved,
  openTicket,
  replyToTicket,
  updateTicketTriage,
} from "../../src/index.ts";
import { mailsTo, makeAccount, makeApiKey, makeStaff, settle, testDeps } from "../support/fixtures.ts";

/** The ticket conversation against a real database: replies, notes, status, clock, conflicts. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-conversation", ip: "203.0.113.9", userAgent: "vitest" };
let k = 0;
const key = () => `submit-key-${++k}-${Math.random().toString(36).slice(2, 10)}`;
const H = 3_600_000;

async function setUp(clock?: { now: Date }) {
  const deps = testDeps(database.db, clock ? () => clock.now : undefined);
  const acct = await makeAccount(database.db, "Convo");
  const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
  const opened = await openTicket(
    deps,
    owner,
    meta,
    OpenTicketInput.parse({ category: "other", subject: "Bounces from Gmail", body: "Since Monday." }),
  );
  const agent = await makeStaff(database.db, "agent");
  const version = async () =>
    (
      await database.db
        .selectFrom("tickets")
        .select("version")
        .where("id", "=", opened.id)
        .executeTakeFirstOrThrow()
    ).version;
  return { deps, acct, owner, ticketId: opened.id, number: opened.number, agent, version };
}

describe("agents answer tickets", () => {
  it("a public reply reaches the customer (page and mail) and stops the clock; a note reaches neither", async () => {
    const { deps, acct, owner, ticketId, number, agent, version } = await setUp();
    await answerTicket(deps, agent, meta, {
      ticketId,
      body: "Internal: checked the bounce logs, DMARC fails.",
      visibility: "internal",
      expectedVersion: await version(),
      idempotencyKey: key(),
    });
    const replied = await answerTicket(deps, agent, meta, {
      ticketId,
      body: "Your DMARC record is missing: add it and tell us.",
      visibility: "public",
      status: "pending_customer",
      expectedVersion: await version(),
      idempotencyKey: key(),
    });
    expect(replied.status).toBe("pending_customer");

    const customerView = await getCustomerTicket(deps, owner, ticketId);
    expect(customerView.messages.map((m) => m.body)).toEqual([
      "Since Monday.",
      "Your DMARC record is missing: add it and tell us.",
    ]);
    expect(JSON.stringify(customerView)).not.toContain("Internal: checked");
    const mails = await mailsTo(database.db, acct.ownerEmail, "ticket_reply");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain(`/tickets/${ticketId}`);
    expect(mails.map((m) => m.text_body).join()).not.toContain("Internal: checked");

    const staffView = await getTicketForStaff(deps, { number });
    expect(staffView.messages.map((m) => m.visibility)).toEqual(["public", "internal", "public"]);
    expect(staffView.clock.state).toBe("answered");
    expect(staffView.messages[1]?.author).toMatchObject({ kind: "staff", role: "agent" });
  });

  it("refuses a change based on an old version, naming who changed the ticket", async () => {
    const { deps, ticketId, agent, version } = await setUp();
    const other = await makeStaff(database.db, "lead");
    const seen = await version();
    await changeTicketStatus(deps, other, meta, { ticketId, status: "on_hold", expectedVersion: seen });
    const stale = await changeTicketStatus(deps, agent, meta, {
      ticketId,
      status: "solved",
      expectedVersion: seen,
    }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect((stale as Error).message).toMatch(/^lead \d+ changed the status while you were working on it/);
    const row = await database.db
      .selectFrom("tickets")
      .select("status")
      .where("id", "=", ticketId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("on_hold");
  });

  it("lets exactly one of many agents acting on the same version win", async () => {
    const { deps, ticketId, version } = await setUp();
    const agents = await Promise.all(Array.from({ length: 12 }, () => makeStaff(database.db, "agent")));
    const seen = await version();
    const { values, errors } = await settle(
      agents.map((a, i) =>
        answerTicket(deps, a, meta, {
          ticketId,
          body: `Answer ${i}`,
          visibility: "public",
          expectedVersion: seen,
          idempotencyKey: key(),
        }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors.every((e) => e.code === "CONFLICT")).toBe(true);
    const messages = await database.db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", ticketId)
      .where("author_staff_id", "is not", null)
      .execute();
    expect(messages).toHaveLength(1);
  });

  it("writes one message for a double submit, even at once", async () => {
    const { deps, owner, ticketId } = await setUp();
    const same = key();
    const { values } = await settle(
      Array.from({ length: 6 }, () =>
        replyToTicket(deps, owner, meta, { ticketId, body: "Any news?", idempotencyKey: same }),
      ),
    );
    expect(new Set(values.map((v) => v.messageId)).size).toBe(1);
    const rows = await database.db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "=", ticketId)
      .where("body", "=", "Any news?")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("takes, gives and lets go: giving to someone else is for leads", async () => {
    const { deps, ticketId, agent, version } = await setUp();
    const lead = await makeStaff(database.db, "lead");
    const colleague = await makeStaff(database.db, "agent");
    const taken = await assignTicket(deps, agent, meta, {
      ticketId,
      assigneeStaffId: agent.staffId,
      expectedVersion: await version(),
    });
    expect(taken.assigneeName).toMatch(/^agent /);
    const refused = await assignTicket(deps, agent, meta, {
      ticketId,
      assigneeStaffId: colleague.staffId,
      expectedVersion: await version(),
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    await assignTicket(deps, lead, meta, {
      ticketId,
      assigneeStaffId: colleague.staffId,
      expectedVersion: await version(),
    });
    const triaged = await updateTicketTriage(deps, agent, meta, {
      ticketId,
      priority: "high",
      tags: ["dmarc", "gmail", "dmarc"],
      expectedVersion: await version(),
    });
    expect(triaged.tags).toEqual(["dmarc", "gmail"]);
    const view = await getTicketForStaff(deps, { ticketId });
    expect(view.assignee?.name).toMatch(/^agent /);
    expect(view.priority).toBe("high");
  });
});

describe("the customer's side", () => {
  it("a reply reopens a solved ticket; a closed ticket takes no reply", async () => {
    const { deps, owner, ticketId, agent, version } = await setUp();
    await changeTicketStatus(deps, agent, meta, {
      ticketId,
      status: "solved",
      expectedVersion: await version(),
    });
    await replyToTicket(deps, owner, meta, { ticketId, body: "Still broken.", idempotencyKey: key() });
    expect((await getCustomerTicket(deps, owner, ticketId)).status).toBe("open");
    await markTicketSolved(deps, owner, meta, ticketId);
    await changeTicketStatus(deps, agent, meta, {
      ticketId,
      status: "closed",
      expectedVersion: await version(),
    });
    const refused = await replyToTicket(deps, owner, meta, {
      ticketId,
      body: "One more thing",
      idempotencyKey: key(),
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("shows on hold as open, and hides another member's ticket like an unknown one", async () => {
    const { deps, acct, owner, ticketId, agent, version } = await setUp();
    await changeTicketStatus(deps, agent, meta, {
      ticketId,
      status: "on_hold",
      expectedVersion: await version(),
    });
    expect((await getCustomerTicket(deps, owner, ticketId)).status).toBe("open");
    const member = await database.db
      .insertInto("customer_users")
      .values({
        account_id: acct.accountId,
        email: `member-${k}@convo.example`,
        name: "Member",
        role: "member",
        password_hash: "x",
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const asMember = { userId: member.id, accountId: acct.accountId, role: "member" as const };
    const hidden = await replyToTicket(deps, asMember, meta, {
      ticketId,
      body: "Can I see this?",
      idempotencyKey: key(),
    }).catch((e: unknown) => e);
    expect(hidden).toMatchObject({ code: "NOT_FOUND" });
  });

  it("redacts and revokes a key pasted into a reply", async () => {
    const { deps, acct, owner, ticketId } = await setUp();
    const leaked = await makeApiKey(database.db, acct.accountId, "Pasted in reply");
    const reply = await replyToTicket(deps, owner, meta, {
      ticketId,
      body: `Here is my key ${leaked.full} — is it broken?`,
      idempotencyKey: key(),
    });
    expect(reply).toMatchObject({ redactedKeys: 1 });
    const stored = await database.db
      .selectFrom("ticket_messages")
      .select("body")
      .where("id", "=", reply.messageId)
      .executeTakeFirstOrThrow();
    expect(stored.body).not.toContain(leaked.secret);
    const row = await database.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("id", "=", leaked.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });
});

describe("the 24/48 h clock", () => {
  it("pauses while the ticket waits on the customer and closes solved tickets after the set days", async () => {
    const clock = { now: new Date("2026-11-02T09:00:00Z") };
    const { deps, owner, ticketId, number, agent, version } = await setUp(clock);
    clock.now = new Date(clock.now.getTime() + 10 * H);
    await changeTicketStatus(deps, agent, meta, {
      ticketId,
      status: "pending_customer",
      expectedVersion: await version(),
    });
    clock.now = new Date(clock.now.getTime() + 40 * H);
    const waiting = await getTicketForStaff(deps, { number });
    expect(waiting.clock).toMatchObject({ state: "paused", alarm: null, teamMs: 10 * H });
    await replyToTicket(deps, owner, meta, { ticketId, body: "Done, please check.", idempotencyKey: key() });
    clock.now = new Date(clock.now.getTime() + 15 * H);
    const back = await getTicketForStaff(deps, { number });
    expect(back.clock).toMatchObject({ state: "running", alarm: "24h", teamMs: 25 * H });

    await changeTicketStatus(deps, agent, meta, {
      ticketId,
      status: "solved",
      expectedVersion: await version(),
    });
    clock.now = new Date(clock.now.getTime() + 5 * 24 * H);
    expect(await closeSolvedTickets(deps, 4)).toBeGreaterThanOrEqual(1);
    expect(await closeSolvedTickets(deps, 4)).toBe(0);
    const closed = await database.db
      .selectFrom("tickets")
      .select(["status", "closed_at"])
      .where("id", "=", ticketId)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe("closed");
  });
});
