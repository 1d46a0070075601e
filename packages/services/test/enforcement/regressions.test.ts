import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import { DomainError, LiftDecisionRecord, OpenTicketInput } from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveEnforcementLift,
  declineLiftRequest,
  liftEnforcement,
  openTicket,
  recordExposure,
  redactCustomerText,
  reportCompromise,
  withdrawLiftRequest,
} from "../../src/index.ts";
import {
  completeTakeoverRecovery,
  enforcementState,
  mailsTo,
  makeAccount,
  makeApiKey,
  makeServiceToken,
  makeStaff,
  settle,
  standing,
  testDeps,
} from "../support/fixtures.ts";

/**
 * Bugs once found in the enforcement core, each kept as a test: replays after a lift, report ids
 * shared between reporters, competing lift requests, and API keys pasted into our own tickets.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

const meta = { requestId: "req-regression", ip: "203.0.113.7", userAgent: "vitest" };
const scanner = { type: "service" as const, name: "exposure-scan" };

async function staffName(staffId: string) {
  return (
    await database.db
      .selectFrom("staff_users")
      .select("name")
      .where("id", "=", staffId)
      .executeTakeFirstOrThrow()
  ).name;
}

/** A takeover suspension whose recovery checklist is done, ready for a lift request. */
async function recoveredTakeover() {
  const deps = testDeps(database.db);
  const fraud = await makeStaff(database.db, "fraud_analyst");
  const acct = await makeAccount(database.db);
  const report = await reportCompromise(deps, fraud, meta, {
    reportId: `recovered-${acct.accountId}`,
    accountId: acct.accountId,
    summary: "ATO",
    signals: [],
  });
  await completeTakeoverRecovery(database.db, acct);
  return { deps, acct, report, enforcementId: report.enforcementId };
}

describe("replays after a lift change nothing", () => {
  it("an exposure already recorded, replayed after its enforcement was lifted, does not restrict the account again", async () => {
    const deps = testDeps(database.db);
    const agent = await makeStaff(database.db, "agent");
    const acct = await makeAccount(database.db);
    const input = {
      candidate: acct.key.full,
      source: "partner_webhook" as const,
      location: "https://x.example/1",
    };
    const first = await recordExposure(deps, scanner, null, input);
    if (first.status !== "revoked" || !first.enforcementId) throw new Error("expected an enforcement");
    await makeApiKey(database.db, acct.accountId, "Replacement", new Date(Date.now() + 1000));
    await database.db
      .insertInto("tickets")
      .values({
        account_id: acct.accountId,
        category: "exposed_credentials",
        subject: "Rotated the key",
        form: JSON.stringify({ remediationConfirmedAt: new Date(Date.now() + 2000).toISOString() }),
        enforcement_id: first.enforcementId,
      } as never)
      .execute();
    const enforcementId = first.enforcementId;
    expect(await liftEnforcement(deps, agent, null, { enforcementId })).toMatchObject({ status: "lifted" });
    const before = await enforcementState(database.db, acct.accountId);
    const mailsBefore = (await mailsTo(database.db, acct.ownerEmail)).length;

    const { values, errors } = await settle(
      Array.from({ length: 20 }, () => recordExposure(deps, scanner, null, input)),
    );
    expect(errors).toEqual([]);
    expect(values.every((v) => v.status === "already_revoked" && !v.newExposure)).toBe(true);
    expect(await standing(database.db, acct.accountId)).toBe("active");
    const after = await enforcementState(database.db, acct.accountId);
    expect(after.enforcements).toHaveLength(before.enforcements.length);
    expect(after.cases).toHaveLength(before.cases.length);
    expect(after.open("exposed_credentials")).toHaveLength(0);
    expect(await mailsTo(database.db, acct.ownerEmail)).toHaveLength(mailsBefore);
  });

  it("a compromise report replayed after the suspension was lifted answers the old result and restricts nothing", async () => {
    const { deps, acct, report, enforcementId } = await recoveredTakeover();
    const agent = await makeStaff(database.db, "agent");
    const lead = await makeStaff(database.db, "lead");
    await liftEnforcement(deps, agent, meta, { enforcementId, note: "recovered" });
    await approveEnforcementLift(deps, lead, meta, enforcementId);
    expect(await standing(database.db, acct.accountId)).toBe("active");

    const fraud = await database.db
      .selectFrom("compromise_reports")
      .select("reporter_staff_id")
      .where("report_id", "=", report.reportId)
      .executeTakeFirstOrThrow();
    const reporter = {
      type: "staff" as const,
      staffId: fraud.reporter_staff_id as string,
      role: "fraud_analyst" as const,
    };
    const replay = await reportCompromise(deps, reporter, meta, {
      reportId: report.reportId,
      accountId: acct.accountId,
      summary: "ATO",
      signals: [],
    });
    expect(replay).toMatchObject({ created: false, enforcementId, caseNumber: report.caseNumber });
    expect(await standing(database.db, acct.accountId)).toBe("active");
    const state = await enforcementState(database.db, acct.accountId);
    expect(state.enforcements).toHaveLength(1);
    expect(state.open("account_takeover")).toHaveLength(0);
    expect(await mailsTo(database.db, acct.ownerEmail, "ato_suspended")).toHaveLength(1);
  });
});

describe("report ids are unique per reporter, not globally", () => {
  it("two staff members and two detectors may all use the same id; one reporter may not reuse it for another account", async () => {
    const deps = testDeps(database.db);
    const reporters = [
      await makeStaff(database.db, "fraud_analyst"),
      await makeStaff(database.db, "security_analyst"),
      await makeServiceToken(database.db, "detector-a"),
      await makeServiceToken(database.db, "detector-b"),
    ];
    const accounts = await Promise.all(reporters.map(() => makeAccount(database.db)));
    const results = await Promise.all(
      reporters.map((r, i) =>
        reportCompromise(deps, r, meta, {
          reportId: "1",
          accountId: accounts[i]?.accountId as string,
          summary: "ATO",
          signals: [],
        }),
      ),
    );
    expect(results.every((r) => r.created)).toBe(true);
    const rows = await database.db
      .selectFrom("compromise_reports")
      .select("id")
      .where("report_id", "=", "1")
      .execute();
    expect(rows).toHaveLength(4);
    // The same reporter, the same id, another account: refused with what to do.
    const reused = await reportCompromise(deps, reporters[2] as (typeof reporters)[2], meta, {
      reportId: "1",
      accountId: accounts[0]?.accountId as string,
      summary: "ATO",
      signals: [],
    }).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(DomainError);
    expect(reused).toMatchObject({ code: "CONFLICT" });
    expect((reused as DomainError).message).toMatch(/new id/);
  });
});

describe("lift requests: one at a time, withdrawn by the requester, declined by a lead", () => {
  it("refuses a second requester with the first one's name; only the requester withdraws", async () => {
    const { deps, enforcementId } = await recoveredTakeover();
    const first = await makeStaff(database.db, "agent");
    const second = await makeStaff(database.db, "agent");
    await liftEnforcement(deps, first, meta, { enforcementId, note: "owner recovered by phone" });
    const refused = await liftEnforcement(deps, second, meta, { enforcementId }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect((refused as DomainError).message).toContain(await staffName(first.staffId));
    // A retry by the requester keeps the request as it was.
    expect(await liftEnforcement(deps, first, meta, { enforcementId })).toMatchObject({
      status: "awaiting_approval",
    });

    const notTheirs = await withdrawLiftRequest(deps, second, meta, { enforcementId }).catch(
      (e: unknown) => e,
    );
    expect(notTheirs).toMatchObject({ code: "FORBIDDEN" });
    expect((notTheirs as DomainError).message).toContain(await staffName(first.staffId));

    expect(await withdrawLiftRequest(deps, first, meta, { enforcementId })).toMatchObject({
      status: "withdrawn",
    });
    expect(await withdrawLiftRequest(deps, first, meta, { enforcementId })).toMatchObject({
      status: "no_request",
    });
    const lead = await makeStaff(database.db, "lead");
    await expect(approveEnforcementLift(deps, lead, meta, enforcementId)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    // Withdrawn: the other agent may now ask.
    expect(await liftEnforcement(deps, second, meta, { enforcementId })).toMatchObject({
      status: "awaiting_approval",
    });
    const trail = await database.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", enforcementId)
      .orderBy("id")
      .execute();
    expect(trail.map((t) => t.action)).toEqual(
      expect.arrayContaining(["enforcement.lift_requested", "enforcement.lift_request_withdrawn"]),
    );
  });

  it("a lead declines with a note (not their own request); the requester sees it and a new request may follow", async () => {
    const { deps, enforcementId, acct } = await recoveredTakeover();
    const agent = await makeStaff(database.db, "agent");
    const lead = await makeStaff(database.db, "lead");
    const otherLead = await makeStaff(database.db, "lead");
    await liftEnforcement(deps, agent, meta, { enforcementId, note: "customer says all done" });

    await expect(
      declineLiftRequest(deps, agent, meta, { enforcementId, note: "agents cannot decline" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const note = "Call the owner on the number on file first";
    expect(await declineLiftRequest(deps, lead, meta, { enforcementId, note })).toMatchObject({
      status: "declined",
    });
    // The same decline again (a retry) changes nothing.
    expect(await declineLiftRequest(deps, lead, meta, { enforcementId, note })).toMatchObject({
      status: "declined",
    });
    const declined = await database.db
      .selectFrom("enforcements")
      .select(["lift_requested_by_staff_id", "lift_declined_by_staff_id", "lift_decline_note", "status"])
      .where("id", "=", enforcementId)
      .executeTakeFirstOrThrow();
    expect(declined).toEqual({
      lift_requested_by_staff_id: null,
      lift_declined_by_staff_id: lead.staffId,
      lift_decline_note: note,
      status: "active",
    });
    const audit = await database.db
      .selectFrom("audit_events")
      .select(["action", "after"])
      .where("subject_id", "=", enforcementId)
      .where("action", "=", "enforcement.lift_declined")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ note });

    // A lead's own request is withdrawn, not declined.
    await liftEnforcement(deps, lead, meta, { enforcementId, note: "called the owner, all verified" });
    await expect(
      declineLiftRequest(deps, lead, meta, { enforcementId, note: "changed my mind about it" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // Approved by the other lead: the record keeps the requester's note and both names.
    await approveEnforcementLift(deps, otherLead, meta, enforcementId);
    expect(await standing(database.db, acct.accountId)).toBe("active");
    const lifted = await database.db
      .selectFrom("enforcements")
      .select("lift_decision")
      .where("id", "=", enforcementId)
      .executeTakeFirstOrThrow();
    const record = LiftDecisionRecord.parse(lifted.lift_decision);
    expect(record.requestNote).toBe("called the owner, all verified");
    expect(record.requester).toMatchObject({ staffId: lead.staffId, name: await staffName(lead.staffId) });
    expect(record.approver).toMatchObject({
      staffId: otherLead.staffId,
      name: await staffName(otherLead.staffId),
    });
    // Nothing left to decline.
    expect(await declineLiftRequest(deps, otherLead, meta, { enforcementId, note })).toMatchObject({
      status: "already_lifted",
    });
  });
});

describe("a key pasted into one of our own tickets", () => {
  it("is redacted from every field before storage, revoked and mailed once — with no enforcement and no case", async () => {
    const deps = testDeps(database.db);
    const acct = await makeAccount(database.db);
    const other = await makeApiKey(database.db, acct.accountId, "Staging");
    const input = OpenTicketInput.parse({
      category: "exposed_credentials",
      subject: `Leaked ${other.full}`,
      body: "Please help, I think a key leaked.",
      // "Where did the key leak?" — answered with the key itself, the likeliest place to paste it.
      form: { whereLeaked: `It was this one: ${acct.key.full}`, rotationConfirmed: false },
    });
    const opened = await openTicket(deps, { userId: acct.ownerId, accountId: acct.accountId }, meta, input);
    expect(opened.redactedKeys).toBe(2);

    const ticket = await database.db
      .selectFrom("tickets")
      .select(["subject", "form", "number"])
      .where("id", "=", opened.id)
      .executeTakeFirstOrThrow();
    expect(ticket.subject).toBe(`Leaked SG.${other.keyId}.[redacted]`);
    expect(ticket.form).toMatchObject({ whereLeaked: `It was this one: SG.${acct.key.keyId}.[redacted]` });
    for (const table of [
      "tickets",
      "ticket_messages",
      "audit_events",
      "mail_outbox",
      "credential_exposures",
      "enforcements",
      "cases",
    ] as const) {
      const rows = JSON.stringify(await database.db.selectFrom(table).selectAll().execute());
      expect(rows).not.toContain(acct.key.secret);
      expect(rows).not.toContain(other.secret);
    }
    const keys = await database.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("account_id", "=", acct.accountId)
      .execute();
    expect(keys.every((k) => k.revoked_at !== null)).toBe(true);

    const state = await enforcementState(database.db, acct.accountId);
    expect(state.enforcements).toEqual([]);
    expect(state.cases).toEqual([]);
    expect(await standing(database.db, acct.accountId)).toBe("active");
    const exposures = await database.db
      .selectFrom("credential_exposures")
      .select(["source", "location", "case_id", "enforcement_id"])
      .where("account_id", "=", acct.accountId)
      .execute();
    expect(exposures).toHaveLength(2);
    for (const x of exposures) {
      expect(x).toEqual({
        source: "ticket",
        location: `ticket #${ticket.number}`,
        case_id: null,
        enforcement_id: null,
      });
    }
    // One mail per pasted key, and the acknowledgement of the ticket.
    const told = await mailsTo(database.db, acct.ownerEmail, "credential_pasted_in_ticket");
    expect(told).toHaveLength(2);
    expect(told.map((m) => m.text_body).join()).toContain(`ticket #${ticket.number}`);
    expect(await mailsTo(database.db, acct.ownerEmail, "ticket_received")).toHaveLength(1);
  });

  it("the one redaction step walks every string of the input, nested forms and keys included", () => {
    const key = `SG.${"a".repeat(22)}.${"b".repeat(43)}`;
    const input = {
      subject: `s ${key}`,
      body: "clean",
      form: { answers: [{ where: key }, 3, true, null], [key]: "as a field name" },
    };
    const { value, found } = redactCustomerText(input);
    expect(found).toEqual([key]);
    expect(JSON.stringify(value)).not.toContain("b".repeat(43));
    expect(value.form.answers[0]).toEqual({ where: `SG.${"a".repeat(22)}.[redacted]` });
    expect(value.form.answers.slice(1)).toEqual([3, true, null]);
    expect(() => redactCustomerText({ attachment: new Map([["k", key]]) })).toThrow(TypeError);
  });
});
