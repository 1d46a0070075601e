import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient, type TrpcReply } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = "a-long-enough-password";
let n = 0;

type Listed = {
  users: Array<{ id: string; name: string; email: string; role: string; lastSignInAt: string | null }>;
  invitations: Array<{ id: string; email: string; role: string; invitedBy: string | null }>;
};

async function owner() {
  n += 1;
  const client = new BrowserClient(server.url);
  await client.open();
  const reply = (await signUpThroughMail(server, client, {
    email: `team-owner${n}@acme-team.test`,
    password: PASSWORD,
    name: `Olive Owner ${n}`,
    accountName: `Team Inc ${n}`,
  })) as TrpcReply<{ account: { id: string }; user: { id: string } }>;
  expect(reply.status).toBe(200);
  return { client, accountId: reply.data?.account.id as string, userId: reply.data?.user.id as string };
}

/** The token in the newest invitation mail to `email`, read from the outbox as a mailbox would. */
async function mailedToken(email: string) {
  const mail = await server.deps.db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .where("template", "=", "account_invitation")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
  expect(token).toBeDefined();
  return token as string;
}

/** Invites `email` as `role` and accepts in a fresh browser; returns that browser, signed in. */
async function join(inviter: BrowserClient, email: string, role: "admin" | "member", name: string) {
  expect((await inviter.mutate("customer.users.invite", { email, role })).status).toBe(200);
  const client = new BrowserClient(server.url);
  await client.open();
  const accepted = await client.mutate("customer.users.acceptInvitation", {
    token: await mailedToken(email),
    name,
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  return client;
}

describe("account users over HTTP", () => {
  it("invite → accept signs the new user in → owner changes the role → removal ends their session and sign-in", async () => {
    const { client: ownerClient, accountId } = await owner();
    const email = `mia${n}@acme-team.test`;
    const mia = await join(ownerClient, email, "member", "Mia Member");
    const session = await mia.query<{ user: { name: string; role: string }; account: { id: string } }>(
      "customer.auth.session",
    );
    expect(session.data).toMatchObject({
      user: { name: "Mia Member", role: "member" },
      account: { id: accountId },
    });

    const listed = await ownerClient.query<Listed>("customer.users.list");
    const row = listed.data?.users.find((u) => u.email === email);
    expect(row).toMatchObject({ name: "Mia Member", role: "member" });
    expect(row?.lastSignInAt).not.toBeNull();
    expect(listed.data?.invitations).toEqual([]);

    const promoted = await ownerClient.mutate("customer.users.changeRole", {
      userId: row?.id,
      role: "admin",
    });
    expect(promoted.status).toBe(200);
    // The new role applies to Mia's very next request.
    expect((await mia.query("customer.users.list")).status).toBe(200);

    const removed = await ownerClient.mutate("customer.users.remove", { userId: row?.id });
    expect(removed.status).toBe(200);
    expect((await mia.query("customer.users.list")).status).toBe(401);
    expect((await mia.query("customer.auth.session")).data).toBeNull();
    const again = new BrowserClient(server.url);
    await again.open();
    const signIn = await again.mutate("customer.auth.signIn", { email, password: PASSWORD });
    expect(signIn.status).toBe(401);
    expect(signIn.error?.data.domainCode).toBe("INVALID_CREDENTIALS");
  });

  it("keeps members out: no list, no invite, no role change, no removal", async () => {
    const { client: ownerClient, userId: ownerId } = await owner();
    const member = await join(ownerClient, `max${n}@acme-team.test`, "member", "Max Member");
    expect((await member.query("customer.users.list")).status).toBe(403);
    const invite = await member.mutate("customer.users.invite", {
      email: `x${n}@acme-team.test`,
      role: "member",
    });
    expect(invite.status).toBe(403);
    expect(
      (await member.mutate("customer.users.changeRole", { userId: ownerId, role: "member" })).status,
    ).toBe(403);
    expect((await member.mutate("customer.users.remove", { userId: ownerId })).status).toBe(403);
  });

  it("answers another account's user id with 404, like an unknown one, and never touches that user", async () => {
    const a = await owner();
    const b = await owner();
    const bMember = await join(b.client, `bea${n}@acme-team.test`, "member", "Bea Member");
    const bListed = await b.client.query<Listed>("customer.users.list");
    const target = bListed.data?.users.find((u) => u.name === "Bea Member")?.id;
    const probe = await a.client.mutate("customer.users.remove", { userId: target });
    const unknown = await a.client.mutate("customer.users.remove", { userId: crypto.randomUUID() });
    expect(probe.status).toBe(404);
    expect(probe.error?.message).toBe(unknown.error?.message);
    expect(
      (await a.client.mutate("customer.users.changeRole", { userId: target, role: "admin" })).status,
    ).toBe(404);
    expect((await a.client.mutate("customer.users.remove", { userId: b.userId })).status).toBe(404);
    expect((await bMember.query("customer.auth.session")).data).not.toBeNull();
  });

  it("never lets the owner be removed or demoted, even by an admin", async () => {
    const { client: ownerClient, userId: ownerId } = await owner();
    const admin = await join(ownerClient, `ada${n}@acme-team.test`, "admin", "Ada Admin");
    const demote = await admin.mutate("customer.users.changeRole", { userId: ownerId, role: "member" });
    expect(demote.status).toBe(403);
    expect(demote.error?.message).toMatch(/owner's role/);
    expect((await admin.mutate("customer.users.remove", { userId: ownerId })).status).toBe(403);
    const self = (await ownerClient.query<Listed>("customer.users.list")).data?.users.find(
      (u) => u.id === ownerId,
    );
    expect(self?.role).toBe("owner");
  });

  it("answers an already-registered address like a new one, and shows field errors for bad input", async () => {
    const a = await owner();
    const b = await owner();
    const fresh = await a.client.mutate<Record<string, unknown>>("customer.users.invite", {
      email: `brand-new${n}@acme-team.test`,
      role: "member",
    });
    const taken = await a.client.mutate<Record<string, unknown>>("customer.users.invite", {
      email: `team-owner${n}@acme-team.test`,
      role: "member",
    });
    expect(taken.status).toBe(fresh.status);
    expect(Object.keys(taken.data ?? {}).sort()).toEqual(Object.keys(fresh.data ?? {}).sort());
    expect(b.accountId).not.toBe(a.accountId);

    const bad = await a.client.mutate("customer.users.invite", { email: "not-an-email", role: "owner" });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.fieldErrors).toMatchObject({
      email: "Enter a valid email address",
      role: "Choose admin or member",
    });
  });

  it("creates one user when one invitation is accepted from many browsers at once", async () => {
    const { client: ownerClient, accountId } = await owner();
    const email = `race${n}@acme-team.test`;
    await ownerClient.mutate("customer.users.invite", { email, role: "member" });
    const token = await mailedToken(email);
    const browsers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = new BrowserClient(server.url);
        await c.open();
        return c;
      }),
    );
    const replies = await Promise.all(
      browsers.map((c, i) =>
        c.mutate("customer.users.acceptInvitation", { token, name: `Racer ${i}`, password: PASSWORD }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 412)).toHaveLength(5);
    const users = await server.deps.db
      .selectFrom("customer_users")
      .select("id")
      .where("account_id", "=", accountId)
      .where("email", "=", email)
      .execute();
    expect(users).toHaveLength(1);
  });
});

describe("tickets by role over HTTP", () => {
  it("a member lists and opens only their own tickets", async () => {
    const { client: ownerClient } = await owner();
    const member = await join(ownerClient, `tess${n}@acme-team.test`, "member", "Tess Member");
    const ownerTicket = await ownerClient.mutate<{ id: string }>("customer.tickets.open", {
      category: "other",
      subject: "Owner's billing question",
      body: "Where are the invoices?",
    });
    const memberTicket = await member.mutate<{ id: string }>("customer.tickets.open", {
      category: "other",
      subject: "Member's question",
      body: "How do I add a domain?",
    });
    const memberList = await member.query<Array<{ id: string }>>("customer.tickets.list");
    expect(memberList.data?.map((t) => t.id)).toEqual([memberTicket.data?.id]);
    expect((await member.query("customer.tickets.get", { ticketId: ownerTicket.data?.id })).status).toBe(404);
    const ownerList = await ownerClient.query<Array<{ id: string }>>("customer.tickets.list");
    expect(ownerList.data?.map((t) => t.id).sort()).toEqual(
      [ownerTicket.data?.id, memberTicket.data?.id].sort(),
    );
  });
});
