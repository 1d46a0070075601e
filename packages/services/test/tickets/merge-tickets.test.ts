import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { OpenTicketInput } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerTicket,
  changeTicketStatus,
  getCustomerTicket,
  getTicketForStaff,
  mergeTickets,
  openTicket,
  replyToTicket,
} from "../../src/index.ts";
import { mailsTo, makeAccount, makeStaff, settle, testDeps } from "../support/fixtures.ts";

/** Merging a duplicate ticket into another, against a real database. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-merge", ip: "203.0.113.10", userAgent: "vitest" };
let k = 0;
const key = () => `merge-key-${++k}-${Math.random().toString(36).slice(2, 10)}`;

async function ticketRow(id: string) {
  return database.db
    .selectFrom("tickets")
    .select(["version", "status", "merged_into_ticket_id", "closed_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function setUp() {
  const deps = testDeps(database.db);
  const acct = await makeAccount(database.db, "Merge");
  const owner = { userId: acct.ownerId, accountId: acct.accountId, role: "owner" as const };
  const open = (subject: string, body: string) =>
    openTicket(deps, owner, meta, OpenTicketInput.parse({ category: "other", subject, body }));
  const a = await open("Bounces from Gmail", "Since Monday, Gmail bounces.");
  const b = await open("Gmail bounces again", "Still bouncing, any news?");
  const agent = await makeStaff(database.db, "agent");
  return { deps, acct, owner, a, b, agent };
}

async function messagesOf(ticketId: string) {
  return database.db
    .selectFrom("ticket_messages")
    .select(["body", "visibility"])
    .where("ticket_id", "=", ticketId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

describe("merging tickets", () => {
  it("closes the duplicate pointing at the other, keeps its messages, notes the merge and tells the customer", async () => {
    const { deps, acct, owner, a, b, agent } = await setUp();
    const result = await mergeTickets(deps, agent, meta, {
      ticketId: b.id,
      expectedVersion: (await ticketRow(b.id)).version,
      intoTicketId: a.id,
      intoExpectedVersion: (await ticketRow(a.id)).version,
    });
    expect(result).toMatchObject({ intoNumber: a.number, replayed: false });

    const duplicate = await ticketRow(b.id);
    expect(duplicate).toMatchObject({ status: "closed", merged_into_ticket_id: a.id });
    expect(duplicate.closed_at).not.toBeNull();
    expect(duplicate.version).toBe(result.version);
    expect((await ticketRow(a.id)).version).toBe(result.intoVersion);

    // The duplicate's own messages stay where they are, with the notice after them.
    const kept = await messagesOf(b.id);
    expect(kept.map((m) => m.body)).toEqual([
      "Still bouncing, any news?",
      `This ticket was merged into ticket #${a.number}, which is about the same thing. We continue the conversation there.`,
    ]);
    const target = await messagesOf(a.id);
    // Written at the same instant: their order among themselves is not part of the contract.
    expect(target.slice(1)).toHaveLength(2);
    expect(target.slice(1)).toEqual(
      expect.arrayContaining([
        {
          visibility: "public",
          body: `Ticket #${b.number} ("Gmail bounces again") was merged into this ticket. We continue the conversation here.`,
        },
        { visibility: "internal", body: `Merged #${b.number} into this ticket.` },
      ]),
    );

    // The customer reads the notice on both tickets, never the internal note.
    const seen = await getCustomerTicket(deps, owner, a.id);
    expect(JSON.stringify(seen)).not.toContain("Merged #");
    expect(JSON.stringify(await getCustomerTicket(deps, owner, b.id))).toContain(`ticket #${a.number}`);
    // One opener of both tickets: one mail, pointing at the ticket that continues.
    const mails = await mailsTo(database.db, acct.ownerEmail, "ticket_merged");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain(`/tickets/${a.id}`);

    // Agents see where the duplicate went; the customer can no longer reply on it.
    expect((await getTicketForStaff(deps, { ticketId: b.id })).mergedInto).toEqual({
      id: a.id,
      number: a.number,
    });
    await expect(
      replyToTicket(deps, owner, meta, { ticketId: b.id, body: "Hello?", idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    const audit = await database.db
      .selectFrom("audit_events")
      .select(["subject_id", "actor_id"])
      .where("action", "=", "ticket.merged")
      .where("subject_id", "in", [a.id, b.id])
      .execute();
    expect(audit.map((e) => e.subject_id).sort()).toEqual([a.id, b.id].sort());
    expect(audit.every((e) => e.actor_id === agent.staffId)).toBe(true);
  });

  it("mails each customer when two users of the account opened the tickets", async () => {
    const { deps, acct, a, agent } = await setUp();
    const member = await database.db
      .insertInto("customer_users")
      .values({
        account_id: acct.accountId,
        email: `member-${key()}@merge.example`,
        name: "Member",
        role: "member",
        password_hash: "not-used",
        totp_secret_enc: null,
        totp_enabled_at: null,
        totp_last_step: null,
        locked_until: null,
        last_sign_in_at: null,
      })
      .returning(["id", "email"])
      .executeTakeFirstOrThrow();
    const theirs = await openTicket(
      deps,
      { userId: member.id, accountId: acct.accountId },
      meta,
      OpenTicketInput.parse({ category: "other", subject: "Gmail bounces", body: "Same here." }),
    );
    await mergeTickets(deps, agent, meta, {
      ticketId: theirs.id,
      expectedVersion: (await ticketRow(theirs.id)).version,
      intoTicketId: a.id,
      intoExpectedVersion: (await ticketRow(a.id)).version,
    });
    const toMember = await mailsTo(database.db, member.email, "ticket_merged");
    const toOwner = await mailsTo(database.db, acct.ownerEmail, "ticket_merged");
    expect(toMember).toHaveLength(1);
    expect(toMember[0]?.text_body).toContain(`Your ticket #${theirs.number}`);
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]?.text_body).toContain(`was merged into your ticket #${a.number}`);
  });

  it("refuses merging into itself, into another account's, a closed or a merged ticket", async () => {
    const { deps, owner, a, b, agent } = await setUp();
    const other = await setUp();
    const v = async (id: string) => (await ticketRow(id)).version;
    const merge = async (from: string, into: string) =>
      mergeTickets(deps, agent, meta, {
        ticketId: from,
        expectedVersion: await v(from),
        intoTicketId: into,
        intoExpectedVersion: await v(into),
      }).catch((e: unknown) => e);

    expect(await merge(a.id, a.id)).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "A ticket cannot be merged into itself.",
    });
    expect(await merge(a.id, other.a.id)).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("belongs to another account"),
    });

    await merge(b.id, a.id);
    // b is merged: neither into it, nor it again elsewhere.
    expect(await merge(a.id, b.id)).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("was itself merged into another ticket"),
    });
    const d = await openTicket(
      deps,
      owner,
      meta,
      OpenTicketInput.parse({ category: "other", subject: "Fourth", body: "And another." }),
    );
    expect(await merge(b.id, d.id)).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("no longer be merged"),
    });
    // A ticket solved and then closed takes no merge.
    for (const status of ["solved", "closed"] as const) {
      await changeTicketStatus(deps, agent, meta, {
        ticketId: other.b.id,
        status,
        expectedVersion: await v(other.b.id),
      });
    }
    expect(await merge(other.a.id, other.b.id)).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("is closed: merge into an open ticket"),
    });
    // Nothing was written by the refusals.
    expect((await messagesOf(a.id)).filter((m) => m.body.startsWith("Merged"))).toHaveLength(1);
  });

  it("refuses a merge based on an old version of either ticket", async () => {
    const { deps, a, b, agent } = await setUp();
    const seenA = (await ticketRow(a.id)).version;
    const seenB = (await ticketRow(b.id)).version;
    await answerTicket(deps, agent, meta, {
      ticketId: a.id,
      body: "Looking into it.",
      visibility: "internal",
      expectedVersion: seenA,
      idempotencyKey: key(),
    });
    const stale = await mergeTickets(deps, agent, meta, {
      ticketId: b.id,
      expectedVersion: seenB,
      intoTicketId: a.id,
      intoExpectedVersion: seenA,
    }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect((await ticketRow(b.id)).status).not.toBe("closed");
  });

  it("merges once when agents merge the same pair, or the pair both ways, at the same time", async () => {
    const { deps, acct, a, b } = await setUp();
    const agents = await Promise.all(Array.from({ length: 8 }, () => makeStaff(database.db, "agent")));
    const va = (await ticketRow(a.id)).version;
    const vb = (await ticketRow(b.id)).version;
    const { values, errors } = await settle(
      agents.map((agent, i) =>
        i % 2 === 0
          ? mergeTickets(deps, agent, meta, {
              ticketId: b.id,
              expectedVersion: vb,
              intoTicketId: a.id,
              intoExpectedVersion: va,
            })
          : mergeTickets(deps, agent, meta, {
              ticketId: a.id,
              expectedVersion: va,
              intoTicketId: b.id,
              intoExpectedVersion: vb,
            }),
      ),
    );
    // The first merge wins; a later identical one is a replay, the opposite one a conflict or refusal.
    expect(values.filter((v) => !v.replayed)).toHaveLength(1);
    expect(errors.every((e) => e.code === "CONFLICT" || e.code === "PRECONDITION_FAILED")).toBe(true);
    const rows = await Promise.all([ticketRow(a.id), ticketRow(b.id)]);
    expect(rows.filter((r) => r.merged_into_ticket_id !== null)).toHaveLength(1);
    expect(rows.filter((r) => r.status === "closed")).toHaveLength(1);
    const notes = await database.db
      .selectFrom("ticket_messages")
      .select("id")
      .where("ticket_id", "in", [a.id, b.id])
      .where("visibility", "=", "internal")
      .where("body", "like", "Merged #%")
      .execute();
    expect(notes).toHaveLength(1);
    expect(await mailsTo(database.db, acct.ownerEmail, "ticket_merged")).toHaveLength(1);
  });

  it("answers a retried merge as before, without writing anything again", async () => {
    const { deps, a, b, agent } = await setUp();
    const input = {
      ticketId: b.id,
      expectedVersion: (await ticketRow(b.id)).version,
      intoTicketId: a.id,
      intoExpectedVersion: (await ticketRow(a.id)).version,
    };
    const first = await mergeTickets(deps, agent, meta, input);
    const again = await mergeTickets(deps, agent, meta, input);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await messagesOf(a.id)).toHaveLength(3);
  });
});
