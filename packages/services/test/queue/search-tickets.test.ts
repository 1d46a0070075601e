import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchTickets } from "../../src/index.ts";
import { makeAccount, makeStaff, testDeps } from "../support/fixtures.ts";
import { addMessage, insertTicket } from "./support.ts";

/** Staff search: full text over subjects and messages, ranked with snippets, and direct look-ups. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const now = new Date("2026-11-25T12:00:00Z");

describe("full-text search", () => {
  it("ranks subject and message hits, one row per ticket, with highlighted snippets", async () => {
    const db = database.db;
    const deps = testDeps(db, () => now);
    const { accountId } = await makeAccount(db, "Search");
    const strong = await insertTicket(db, accountId, now, { ageH: 3, subject: "Webhook signature failures" });
    await addMessage(db, strong.id, "Every webhook delivery fails the signature check since the rotation.");
    const weak = await insertTicket(db, accountId, now, { ageH: 4, subject: "Question about invoices" });
    await addMessage(db, weak.id, "Unrelated text, and at the very end one mention of a webhook.");
    await addMessage(db, weak.id, "Another message without the word.");
    const internal = await insertTicket(db, accountId, now, { ageH: 5, subject: "Strange bounces" });
    const staff = await makeStaff(db, "agent");
    await addMessage(
      db,
      internal.id,
      "Internal: the webhooks of this account were rerouted.",
      "internal",
      staff.staffId,
    );
    await insertTicket(db, accountId, now, { ageH: 6, subject: "Nothing relevant here" });

    const result = await searchTickets(deps, { query: "webhook" });
    expect(result.matchedBy).toBe("full_text");
    const ids = result.rows.map((r) => r.id);
    expect(ids).toEqual([strong.id, ...ids.slice(1)]);
    expect(new Set(ids)).toEqual(new Set([strong.id, weak.id, internal.id]));
    const snippet = result.rows.find((r) => r.id === weak.id)?.snippet ?? [];
    expect(snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toEqual(["webhook"]);
    expect(snippet.map((s) => s.text).join("")).toContain("one mention of a webhook");
    // Internal notes are searched for staff (stemming: "webhooks" matches "webhook").
    expect(result.rows.find((r) => r.id === internal.id)?.snippet?.some((s) => s.hit)).toBe(true);

    // websearch syntax: quoted phrase and exclusion.
    const phrase = await searchTickets(deps, { query: '"signature check" -invoices' });
    expect(phrase.rows.map((r) => r.id)).toEqual([strong.id]);
    // Stop words only: nothing, not an error.
    expect((await searchTickets(deps, { query: "the and of" })).rows).toEqual([]);
  });

  it("pages by keyset without repeats", async () => {
    const db = database.db;
    const deps = testDeps(db, () => now);
    const { accountId } = await makeAccount(db, "Paging");
    for (let i = 0; i < 7; i++) {
      const t = await insertTicket(db, accountId, now, { ageH: i, subject: `Quokka report ${i}` });
      await addMessage(db, t.id, `quokka ${"quokka ".repeat(i)} sighting`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: Awaited<ReturnType<typeof searchTickets>> = await searchTickets(deps, {
        query: "quokka",
        limit: 3,
        cursor,
      });
      seen.push(...r.rows.map((x) => x.id));
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("never matches another table's data", async () => {
    const db = database.db;
    const deps = testDeps(db, () => now);
    const { accountId } = await makeAccount(db, "Zanzibarian Holdings");
    await db
      .insertInto("enforcements")
      .values({
        account_id: accountId,
        reason: "manual",
        policy_code: "manual.other",
        note: "xylophonic evidence",
        created_by_service: "test",
        evidence: JSON.stringify({}),
        case_id: null,
        created_by_staff_id: null,
        lifted_at: null,
        lifted_by_staff_id: null,
        lift_approved_by_staff_id: null,
        lift_decision: null,
      })
      .execute();
    await insertTicket(db, accountId, now, { ageH: 1, subject: "Plain subject" });
    expect((await searchTickets(deps, { query: "xylophonic" })).rows).toEqual([]);
    expect((await searchTickets(deps, { query: "Zanzibarian" })).rows).toEqual([]);
  });
});

describe("direct look-ups", () => {
  it("ticket number, case number, account id, customer email and API key id prefix", async () => {
    const db = database.db;
    const deps = testDeps(db, () => now);
    const acct = await makeAccount(db, "Lookup");
    const other = await makeAccount(db, "Bystander");
    const kase = await db
      .insertInto("cases")
      .values({
        number: "TD-2026-777001",
        account_id: acct.accountId,
        reason: "manual",
        summary: "Look-up test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const a = await insertTicket(db, acct.accountId, now, { ageH: 2, caseId: kase.id });
    const b = await insertTicket(db, acct.accountId, now, { ageH: 1 });
    await insertTicket(db, other.accountId, now, { ageH: 1 });

    const byNumber = await searchTickets(deps, { query: `#${a.number}` });
    expect(byNumber).toMatchObject({ matchedBy: "ticket_number", rows: [{ id: a.id, number: a.number }] });
    expect((await searchTickets(deps, { query: String(b.number) })).rows.map((r) => r.id)).toEqual([b.id]);

    const byCase = await searchTickets(deps, { query: "td-2026-777001" });
    expect(byCase).toMatchObject({ matchedBy: "case_number", rows: [{ id: a.id }] });

    const both = [b.id, a.id]; // newest first
    const byAccount = await searchTickets(deps, { query: acct.accountId });
    expect(byAccount.matchedBy).toBe("account_id");
    expect(byAccount.rows.map((r) => r.id)).toEqual(both);

    const byEmail = await searchTickets(deps, { query: acct.ownerEmail.toUpperCase() });
    expect(byEmail.matchedBy).toBe("customer_email");
    expect(byEmail.rows.map((r) => r.id)).toEqual(both);

    // A prefix of the public key id, or the whole key pasted (the secret part is ignored).
    for (const query of [`SG.${acct.key.keyId.slice(0, 8)}`, acct.key.full]) {
      const byKey = await searchTickets(deps, { query });
      expect(byKey.matchedBy).toBe("api_key");
      expect(byKey.rows.map((r) => r.id)).toEqual(both);
    }

    // An unknown email finds nothing by look-up and falls back to words.
    const unknown = await searchTickets(deps, { query: "nobody@nowhere.example" });
    expect(unknown).toMatchObject({ matchedBy: "full_text", rows: [] });
  });
});
