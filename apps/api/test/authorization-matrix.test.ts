import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ServiceScope,
  STAFF_PERMISSIONS,
  type StaffPermission,
  type StaffRole,
} from "@trustdesk/domain";
import { createServiceToken, DEMO_STAFF, PartnerPublicKeys, seedDemoData } from "@trustdesk/services";
import { appRouter } from "@trustdesk/trpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v1Router } from "../src/rest/v1-router.ts";
import { BrowserClient, type TrpcReply } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { staffClients } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * Who may call what, read from the router itself: every tRPC procedure and every /v1 route has an
 * entry here, and a new one without an entry fails the first test. Each procedure is called as
 * anonymous, as a signed-in customer and as each staff role; each route with no token and with a
 * token of every scope. A caller the gate refuses gets 401/403 and the procedure never runs; a caller
 * it admits gets past it (the probe's input is a bare string, so the call then ends at input
 * validation with a 400: the gate comes before the input is even read, and nothing is written).
 */

/** What guards a procedure: who the gate admits. */
type Gate =
  | "public"
  /** A customer session at any stage (the sign-in steps themselves). */
  | "customer-session"
  /** A full customer session, or a takeover-recovery one (the recovery checklist). */
  | "customer-recovery"
  /** A full customer session only. */
  | "customer"
  /** A staff session at any stage (sign-in and TOTP enrolment). */
  | "staff-session"
  /**
   * A staff session still owing its TOTP enrolment: staff enrol only at sign-in, so a fully signed-in
   * member (every staff caller here) is refused — re-enrolment goes through an admin's 2FA reset.
   */
  | "staff-enrolment"
  /** Any fully signed-in staff member, whatever the role (their own account's settings). */
  | "staff"
  /** A fully signed-in staff member whose role has this permission (STAFF_PERMISSIONS). */
  | { staff: StaffPermission };

const MATRIX: Record<string, Gate> = {
  "customer.auth.session": "public",
  "customer.auth.signUp": "public",
  "customer.auth.confirmSignUp": "public",
  "customer.auth.signIn": "public",
  "customer.auth.verifySecondFactor": "customer-session",
  "customer.auth.requestTakeoverRecovery": "public",
  "customer.auth.verifyTakeoverRecovery": "public",
  "customer.auth.setRecoveryPassword": "customer-recovery",
  "customer.auth.signOut": "public",
  "customer.auth.requestPasswordReset": "public",
  "customer.auth.resetPassword": "public",
  "customer.auth.changePassword": "customer",
  "customer.auth.beginTotpEnrolment": "customer-recovery",
  "customer.auth.confirmTotpEnrolment": "customer-recovery",
  "customer.auth.disableTotp": "customer",
  "customer.account.overview": "customer-recovery",
  "customer.tickets.list": "customer-recovery",
  "customer.tickets.open": "customer-recovery",
  "customer.tickets.get": "customer-recovery",
  "customer.tickets.reply": "customer-recovery",
  "customer.tickets.openAbout": "customer-recovery",
  "customer.tickets.confirm": "customer",
  "customer.tickets.markSolved": "customer-recovery",
  "customer.apiKeys.list": "customer-recovery",
  "customer.apiKeys.create": "customer-recovery",
  "customer.apiKeys.revoke": "customer-recovery",
  "customer.sessions.list": "customer-recovery",
  "customer.sessions.revoke": "customer-recovery",
  "customer.users.list": "customer-recovery",
  "customer.users.invite": "customer",
  "customer.users.revokeInvitation": "customer-recovery",
  "customer.users.changeRole": "customer-recovery",
  "customer.users.remove": "customer-recovery",
  "customer.users.acceptInvitation": "public",
  "staff.auth.session": "public",
  "staff.auth.signIn": "public",
  "staff.auth.beginTotpEnrolment": "staff-enrolment",
  "staff.auth.confirmTotpEnrolment": "staff-session",
  "staff.auth.verifySecondFactor": "staff-session",
  "staff.auth.signOut": "public",
  "staff.queue.list": { staff: "tickets.work" },
  "staff.queue.counts": { staff: "tickets.work" },
  "staff.queue.search": { staff: "tickets.work" },
  "staff.tickets.get": { staff: "tickets.work" },
  "staff.tickets.assignees": { staff: "tickets.work" },
  "staff.tickets.reply": { staff: "tickets.work" },
  "staff.tickets.setStatus": { staff: "tickets.work" },
  "staff.tickets.assign": { staff: "tickets.work" },
  "staff.tickets.triage": { staff: "tickets.work" },
  "staff.tickets.merge": { staff: "tickets.work" },
  "staff.accounts.get": { staff: "accounts.view" },
  "staff.accounts.search": { staff: "accounts.view" },
  "staff.accounts.recentlyRestricted": { staff: "accounts.view" },
  "staff.audit.list": { staff: "audit.view" },
  "staff.audit.actors": { staff: "audit.view" },
  "staff.cases.list": { staff: "cases.view" },
  "staff.cases.get": { staff: "cases.view" },
  // The invitation link is the credential: its page and its acceptance need no session.
  "staff.invitation.describe": "public",
  "staff.invitation.accept": "public",
  "staff.mail.problems": { staff: "mail.manage" },
  "staff.mail.retry": { staff: "mail.manage" },
  "staff.me.changePassword": "staff",
  "staff.me.regenerateRecoveryCodes": "staff",
  "staff.me.sessions": "staff",
  "staff.me.endSession": "staff",
  "staff.me.endOtherSessions": "staff",
  "staff.metrics.overview": { staff: "metrics.view" },
  "staff.staffAdmin.list": { staff: "staff.manage" },
  "staff.staffAdmin.invite": { staff: "staff.manage" },
  "staff.staffAdmin.changeRole": { staff: "staff.manage" },
  "staff.staffAdmin.deactivate": { staff: "staff.manage" },
  "staff.staffAdmin.reactivate": { staff: "staff.manage" },
  "staff.staffAdmin.resetTwoFactor": { staff: "staff.manage" },
  "staff.staffAdmin.revokeInvitation": { staff: "staff.manage" },
  "staff.vettingPolicy.versions": { staff: "vetting.review" },
  "staff.vettingPolicy.version": { staff: "vetting.review" },
  "staff.vettingPolicy.createDraft": { staff: "vetting.policy.manage" },
  "staff.vettingPolicy.updateDraft": { staff: "vetting.policy.manage" },
  "staff.vettingPolicy.discardDraft": { staff: "vetting.policy.manage" },
  "staff.vettingPolicy.replay": { staff: "vetting.policy.manage" },
  "staff.vettingPolicy.publish": { staff: "vetting.policy.manage" },
  "staff.enforcements.assess": { staff: "accounts.view" },
  "staff.enforcements.pendingApprovals": { staff: "enforcement.lift" },
  "staff.enforcements.vettingQueue": { staff: "vetting.review" },
  "staff.enforcements.openManual": { staff: "enforcement.open" },
  "staff.enforcements.lift": { staff: "enforcement.lift" },
  "staff.enforcements.approveLift": { staff: "enforcement.approve_ato_lift" },
  "staff.enforcements.withdrawLiftRequest": { staff: "enforcement.lift" },
  "staff.enforcements.declineLiftRequest": { staff: "enforcement.approve_ato_lift" },
  "staff.enforcements.reportCompromise": { staff: "compromise.report" },
  "staff.enforcements.decideVetting": { staff: "vetting.review" },
};

/**
 * /v1 routes: the scope a service token needs; "public" for the published API description;
 * "signature" for the code host's webhook, which no token opens (only its signature, checked in
 * its own test): every call here, token or not, is refused.
 */
const V1_MATRIX: Record<string, ServiceScope | "public" | "signature"> = {
  "GET /openapi.json": "public",
  "POST /activity": "activity:write",
  "POST /compromise-reports": "compromise:write",
  "POST /exposures": "exposure:write",
  "POST /secret-scanning/github": "signature",
};

/** Mutations without input whose only effect is on the caller's own session: admitted calls are not made. */
const SESSION_ENDING = new Set(["customer.auth.signOut", "staff.auth.signOut"]);

const STAFF_ROLES = [...new Set(DEMO_STAFF.map((s) => s.role))] as StaffRole[];
type Caller = "anonymous" | "customer" | StaffRole;
const CALLERS: Caller[] = ["anonymous", "customer", ...STAFF_ROLES];

function admits(gate: Gate, caller: Caller): boolean {
  if (gate === "public") return true;
  if (gate === "customer-session" || gate === "customer-recovery" || gate === "customer")
    return caller === "customer";
  if (caller === "anonymous" || caller === "customer" || gate === "staff-enrolment") return false;
  if (gate === "staff-session" || gate === "staff") return true;
  return (STAFF_PERMISSIONS[gate.staff] as readonly StaffRole[]).includes(caller);
}

interface ProcedureInfo {
  type: "query" | "mutation";
  hasInput: boolean;
  /** Top-level input fields (of an object input). */
  fields: string[];
}

function procedures(): Map<string, ProcedureInfo> {
  type Definition = { _def: { type: ProcedureInfo["type"]; inputs: Array<{ shape?: object }> } };
  const defs = (appRouter as unknown as { _def: { procedures: Record<string, Definition> } })._def.procedures;
  return new Map(
    Object.entries(defs).map(([path, p]) => [
      path,
      {
        type: p._def.type,
        hasInput: p._def.inputs.length > 0,
        fields: Object.keys(p._def.inputs[0]?.shape ?? {}),
      },
    ]),
  );
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every route of the /v1 router, including those of routers it mounts (the webhook's). */
function v1Routes(server: TestServer): string[] {
  const router = v1Router(server.deps, { partnerKeys: new PartnerPublicKeys(async () => "{}") });
  const walk = (stack: RouterLayer[]): string[] =>
    stack.flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route?.path}`)
        : layer.handle?.stack
          ? walk(layer.handle.stack)
          : [],
    );
  return walk((router as unknown as { stack: RouterLayer[] }).stack);
}

let server: TestServer;
let staff: (role: string) => Promise<BrowserClient>;
const clients = new Map<Caller, BrowserClient>();

beforeAll(async () => {
  // The webhook mounted as in production, with no partner key published: no call can be signed.
  const keys = join(mkdtempSync(join(tmpdir(), "matrix-keys-")), "keys.json");
  writeFileSync(keys, JSON.stringify({ public_keys: [] }));
  server = await startTestServer({ secretScanning: { url: "http://127.0.0.1:9/unused", file: keys } });
  await seedDemoData(server.deps);
  staff = staffClients(() => server.url);
  const anonymous = new BrowserClient(server.url);
  await anonymous.open();
  clients.set("anonymous", anonymous);
  const customer = new BrowserClient(server.url);
  await customer.open();
  const signedUp = await signUpThroughMail(server, customer, {
    email: "matrix-owner@matrix-one.test",
    password: "a-long-enough-password",
    name: "Matrix Owner",
    accountName: "Matrix One",
  });
  expect(signedUp.status).toBe(200);
  clients.set("customer", customer);
  for (const role of STAFF_ROLES) clients.set(role, await staff(role));
});
afterAll(async () => {
  await server?.close();
});

describe("the authorization matrix", () => {
  it("has an entry for every procedure and every /v1 route, and none for one that is gone", () => {
    expect([...procedures().keys()].sort()).toEqual(Object.keys(MATRIX).sort());
    expect(v1Routes(server).sort()).toEqual(Object.keys(V1_MATRIX).sort());
  });

  it("admits exactly the callers each procedure's gate names, for every procedure and caller", async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const [path, info] of procedures()) {
      const gate = MATRIX[path];
      if (!gate) continue; // reported by the first test
      for (const caller of CALLERS) {
        const admitted = admits(gate, caller);
        if (admitted && !info.hasInput && info.type === "mutation" && SESSION_ENDING.has(path)) continue;
        const client = clients.get(caller) as BrowserClient;
        const input = info.hasInput ? "authorization-matrix-probe" : undefined;
        const reply: TrpcReply =
          info.type === "query" ? await client.query(path, input) : await client.mutate(path, input);
        calls++;
        const refused = reply.status === 401 || reply.status === 403;
        const outcome = admitted
          ? !refused && (!info.hasInput || reply.status === 400)
          : refused && reply.data === undefined;
        if (!outcome)
          wrong.push(`${path} as ${caller}: ${reply.status} (expected ${admitted ? "admitted" : "refused"})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(Object.keys(MATRIX).length * 5);
  }, 120_000); // about 700 calls: minutes when two browser suites share the cores

  it("admits a /v1 call only with a token of the route's scope", async () => {
    const scopes = ["activity:write", "compromise:write", "exposure:write"] as const satisfies ServiceScope[];
    const tokens = new Map<string, string>();
    for (const scope of scopes) {
      tokens.set(
        scope,
        (await createServiceToken(server.deps, "test", { name: `matrix ${scope}`, scopes: [scope] })).token,
      );
    }
    const wrong: string[] = [];
    for (const route of v1Routes(server)) {
      const [method, path] = route.split(" ") as [string, string];
      const needed = V1_MATRIX[route];
      for (const held of [null, ...scopes]) {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (held) headers.authorization = `Bearer ${tokens.get(held)}`;
        const res = await fetch(`${server.url}/v1${path}`, {
          method,
          headers,
          body: method === "GET" ? undefined : "{}",
        });
        const admitted = needed === "public" || (needed !== "signature" && needed === held);
        const refused = res.status === 401 || res.status === 403;
        if (admitted === refused) wrong.push(`${route} with ${held ?? "no token"}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** What one account holds that another may try to reach: the ids a customer procedure takes. */
interface TenantObjects {
  ticketId: string;
  keyId: string;
  sessionId: string;
  invitationId: string;
  userId: string;
}

/**
 * Every customer procedure that takes an id, called by account A with account B's ids (valid input
 * otherwise): each must answer as for an unknown id and leave B's object as it was.
 */
const CROSS_TENANT: Record<string, (b: TenantObjects) => unknown> = {
  "customer.tickets.get": (b) => ({ ticketId: b.ticketId }),
  "customer.tickets.reply": (b) => ({
    ticketId: b.ticketId,
    body: "Written into another account's ticket",
    idempotencyKey: "cross-tenant-reply-1",
    attachments: [],
  }),
  "customer.tickets.confirm": (b) => ({ ticketId: b.ticketId }),
  "customer.tickets.markSolved": (b) => ({ ticketId: b.ticketId }),
  "customer.apiKeys.revoke": (b) => ({ keyId: b.keyId }),
  "customer.sessions.revoke": (b) => ({ sessionId: b.sessionId }),
  "customer.users.revokeInvitation": (b) => ({ invitationId: b.invitationId }),
  "customer.users.changeRole": (b) => ({ userId: b.userId, role: "member" }),
  "customer.users.remove": (b) => ({ userId: b.userId }),
};

/** Input fields named like ids that name no object of an account (the sign-up's browser id). */
const NOT_OBJECT_IDS = new Set(["deviceId"]);

describe("another tenant's ids", () => {
  it("lists every customer procedure that takes an id", () => {
    const withIds = [...procedures()]
      .filter(
        ([path, info]) =>
          path.startsWith("customer.") && info.fields.some((f) => /Id$/.test(f) && !NOT_OBJECT_IDS.has(f)),
      )
      .map(([path]) => path);
    expect(withIds.sort()).toEqual(Object.keys(CROSS_TENANT).sort());
  });

  it("answers account A's calls with account B's ids as unknown ids, and B's objects stay as they were", async () => {
    const a = clients.get("customer") as BrowserClient;
    const b = new BrowserClient(server.url);
    await b.open();
    expect(
      (
        await signUpThroughMail(server, b, {
          email: "matrix-owner@matrix-two.test",
          password: "a-long-enough-password",
          name: "Matrix Two Owner",
          accountName: "Matrix Two",
        })
      ).status,
    ).toBe(200);
    const ticket = await b.mutate<{ id: string }>("customer.tickets.open", {
      category: "other",
      subject: "B's own question",
      body: "Only B's account may read this.",
      idempotencyKey: "matrix-two-ticket",
    });
    const key = await b.mutate<{ id: string }>("customer.apiKeys.create", { name: "B's key" });
    await b.mutate("customer.users.invite", { email: "colleague@matrix-two.test", role: "admin" });
    const users = await b.query<{ users: Array<{ id: string }>; invitations: Array<{ id: string }> }>(
      "customer.users.list",
    );
    const sessions = await b.query<Array<{ id: string }>>("customer.sessions.list");
    const objects: TenantObjects = {
      ticketId: ticket.data?.id as string,
      keyId: key.data?.id as string,
      sessionId: sessions.data?.[0]?.id as string,
      invitationId: users.data?.invitations[0]?.id as string,
      userId: users.data?.users[0]?.id as string,
    };
    for (const id of Object.values(objects)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const before = await snapshot(b);

    const wrong: string[] = [];
    for (const [path, input] of Object.entries(CROSS_TENANT)) {
      const info = procedures().get(path) as ProcedureInfo;
      const reply =
        info.type === "query" ? await a.query(path, input(objects)) : await a.mutate(path, input(objects));
      if (reply.status !== 404 || reply.data !== undefined) wrong.push(`${path}: ${reply.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot(b)).toEqual(before);
  });
});

/** What B can see of its own objects (through its own session, which must still be alive). */
async function snapshot(b: BrowserClient) {
  const [tickets, keys, users, sessions] = await Promise.all([
    b.query("customer.tickets.list"),
    b.query("customer.apiKeys.list"),
    b.query("customer.users.list"),
    b.query("customer.sessions.list"),
  ]);
  return { tickets: tickets.data, keys: keys.data, users: users.data, sessions: sessions.data };
}
