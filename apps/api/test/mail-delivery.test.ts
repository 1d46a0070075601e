import { enqueueMail } from "@trustdesk/db";
import { seedDemoData } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffClients } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoData(server.deps);
});
afterAll(async () => {
  await server.close();
});

const staffClient = staffClients(() => server.url);

interface Problems {
  problems: Array<{ id: string; to: string; template: string; state: "dead" | "failing"; lastError: string }>;
  dead: number;
  failing: number;
}

describe("Mail delivery (dashboard)", () => {
  it("lists a dead-lettered mail to admins, who retry it once; other roles are refused", async () => {
    const db = server.deps.db;
    const id = await enqueueMail(db, {
      to: "bounce@example.com",
      template: "welcome",
      subject: "Welcome",
      text: "x",
    });
    await db
      .updateTable("mail_outbox")
      .set({ status: "failed", attempts: 8, last_error: "550 no such mailbox" })
      .where("id", "=", id)
      .execute();

    const agent = await staffClient("agent");
    expect((await agent.query("staff.mail.problems")).status).toBe(403);
    expect((await agent.mutate("staff.mail.retry", { mailId: id })).status).toBe(403);

    const admin = await staffClient("admin");
    const listed = await admin.query<Problems>("staff.mail.problems");
    expect(listed.status).toBe(200);
    expect(listed.data?.problems.find((p) => p.id === id)).toMatchObject({
      to: "bounce@example.com",
      template: "welcome",
      state: "dead",
      lastError: "550 no such mailbox",
    });

    expect((await admin.mutate("staff.mail.retry", { mailId: id })).status).toBe(200);
    const row = await db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "actor_type"])
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toEqual([{ action: "mail.retried", actor_type: "staff" }]);
    // Once it is pending again (no error any more), a second retry is refused: no double send.
    await db
      .updateTable("mail_outbox")
      .set({ status: "sent", last_error: null })
      .where("id", "=", id)
      .execute();
    const again = await admin.mutate("staff.mail.retry", { mailId: id });
    expect(again.status).toBe(404);
    expect(
      ((await admin.query<Problems>("staff.mail.problems")).data?.problems ?? []).some((p) => p.id === id),
    ).toBe(false);
  });
});
