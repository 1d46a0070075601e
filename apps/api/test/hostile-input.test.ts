import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { BROKEN_CHARACTER_MESSAGE } from "@trustdesk/domain";
import { createServiceToken, DEMO_PASSWORD, DEMO_STAFF, seedDemoData } from "@trustdesk/services";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient, type BrowserClient as Client } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * Hostile input is the caller's mistake: a 4xx naming the field, nothing written — never a 500 (a
 * 500 looks retryable, so a detector would retry forever). Each case below was a 500 before.
 */

let server: TestServer;
let portalDist: string;
let token: string;
let lead: Client;
let customer: Client;
let customerAccountId: string;

beforeAll(async () => {
  portalDist = mkdtempSync(join(tmpdir(), "portal-"));
  writeFileSync(join(portalDist, "index.html"), "<!doctype html><title>Portal</title>");
  server = await startTestServer({ portalDist });
  await seedDemoData(server.deps);
  token = (
    await createServiceToken(server.deps, "test", {
      name: "detector",
      scopes: ["compromise:write", "activity:write"],
    })
  ).token;

  const s = DEMO_STAFF.find((x) => x.role === "lead");
  if (!s) throw new Error("no demo lead");
  lead = new BrowserClient(server.url);
  await lead.open();
  await lead.mutate("staff.auth.signIn", { email: s.email, password: DEMO_PASSWORD });
  expect(
    (await lead.mutate("staff.auth.verifySecondFactor", { code: await generate({ secret: s.totpSecret }) }))
      .status,
  ).toBe(200);

  customer = new BrowserClient(server.url);
  await customer.open();
  const signedUp = await signUpThroughMail(server, customer, {
    email: "hostile-input@acme-hostile.test",
    password: "a-long-enough-password",
    name: "Hostile Input",
    accountName: "Hostile Input Ltd",
  });
  expect(signedUp.status).toBe(200);
  customerAccountId = signedUp.data?.account.id as string;
});
afterAll(async () => {
  await server.close();
  rmSync(portalDist, { recursive: true, force: true });
});

/** Every table a refused request could have written to. */
const TABLES = [
  "accounts",
  "customer_users",
  "tickets",
  "ticket_messages",
  "api_keys",
  "enforcements",
  "cases",
  "compromise_reports",
  "activity_events",
  "activity_daily",
  "credential_exposures",
  "audit_events",
  "mail_outbox",
] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await server.deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Runs `call` and checks that it wrote nothing anywhere. */
async function writesNothing<T>(call: () => Promise<T>): Promise<T> {
  const before = await rowCounts();
  const result = await call();
  expect(await rowCounts()).toEqual(before);
  return result;
}

const HOSTILE = [
  { name: "a NUL character", char: "\u0000", message: /control characters/ },
  { name: "a lone surrogate", char: "\ud800", message: BROKEN_CHARACTER_MESSAGE },
] as const;

/** A valid value with the hostile character in its middle. */
const spoil = (valid: string, char: string) => `${valid.slice(0, 3)}${char}${valid.slice(3)}`;

/** Sets `path` (dot-separated, numbers index arrays) of a copy of `input` to `value`. */
function withValue(input: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = path.split(".");
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) as string] = value;
  return copy;
}

function valueAt(input: unknown, path: string): string {
  let at = input as Record<string, unknown>;
  for (const key of path.split(".")) at = at[key] as Record<string, unknown>;
  return at as unknown as string;
}

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/** Every free-text field of every procedure, each with an input that is valid without the spoiling. */
const PROCEDURES: Array<{
  procedure: string;
  kind: "query" | "mutation";
  client: () => Client;
  input: () => unknown;
  fields: string[];
}> = [
  {
    procedure: "customer.tickets.open",
    kind: "mutation",
    client: () => customer,
    input: () => ({ category: "other", subject: "Question about invoices", body: "Where is my invoice?" }),
    fields: ["subject", "body"],
  },
  {
    procedure: "customer.tickets.open",
    kind: "mutation",
    client: () => customer,
    input: () => ({
      category: "signup_vetting",
      subject: "Please review my account",
      body: "We are a real business.",
      form: { appeal: true, businessDescription: "We send receipts for our bakery." },
    }),
    fields: ["form.businessDescription"],
  },
  {
    procedure: "customer.tickets.open",
    kind: "mutation",
    client: () => customer,
    input: () => ({
      category: "dormant_account",
      subject: "Reactivate my account",
      body: "We are back.",
      form: {
        intendedUse: "Order receipts to our own shop's customers.",
        expectedMonthlyVolume: 1000,
        sendingDomains: ["example.com"],
      },
    }),
    fields: ["form.intendedUse", "form.sendingDomains.0"],
  },
  {
    procedure: "customer.tickets.open",
    kind: "mutation",
    client: () => customer,
    input: () => ({
      category: "exposed_credentials",
      subject: "A key leaked",
      body: "We rotated it.",
      form: { whereLeaked: "A public GitHub repository", rotationConfirmed: true },
    }),
    fields: ["form.whereLeaked"],
  },
  {
    procedure: "customer.apiKeys.create",
    kind: "mutation",
    client: () => customer,
    input: () => ({ name: "Production sender" }),
    fields: ["name"],
  },
  {
    procedure: "customer.auth.signUp",
    kind: "mutation",
    // A fresh visitor each time (sign-ups are rate-limited per address).
    client: () => new BrowserClient(server.url),
    input: () => ({
      email: "someone@hostile-signup.test",
      password: "a-long-enough-password",
      name: "Some One",
      accountName: "Some Company",
      website: "https://hostile-signup.test",
    }),
    fields: ["email", "name", "accountName", "website"],
  },
  {
    procedure: "customer.auth.signIn",
    kind: "mutation",
    client: () => new BrowserClient(server.url),
    input: () => ({ email: "owner@acme.test", password: DEMO_PASSWORD }),
    fields: ["email"],
  },
  {
    procedure: "staff.accounts.search",
    kind: "query",
    client: () => lead,
    input: () => ({ query: "Acme Newsletters" }),
    fields: ["query"],
  },
  {
    procedure: "staff.enforcements.reportCompromise",
    kind: "mutation",
    client: () => lead,
    input: () => ({
      reportId: "hostile-report-1",
      accountId: customerAccountId,
      summary: "Sign-ins from two countries within the hour",
      signals: ["impossible travel"],
    }),
    fields: ["reportId", "summary", "signals.0"],
  },
  {
    procedure: "staff.enforcements.openManual",
    kind: "mutation",
    client: () => lead,
    input: () => ({
      accountId: customerAccountId,
      reason: "spam_complaints",
      note: "Complaint rate 2.3% over the last week",
    }),
    fields: ["note"],
  },
  {
    procedure: "staff.enforcements.lift",
    kind: "mutation",
    client: () => lead,
    input: () => ({ enforcementId: UNKNOWN_ID, note: "Complaints back under 0.1%" }),
    fields: ["note"],
  },
  {
    procedure: "staff.enforcements.decideVetting",
    kind: "mutation",
    client: () => lead,
    input: () => ({ accountId: customerAccountId, outcome: "approve", note: "Real business, checked" }),
    fields: ["note"],
  },
];

describe("a NUL or a lone surrogate in any text field of a procedure", () => {
  for (const p of PROCEDURES) {
    for (const field of p.fields) {
      for (const hostile of HOSTILE) {
        it(`${p.procedure} ${field}: ${hostile.name} → 400 naming the field, nothing written`, async () => {
          const client = p.client();
          if (client.cookies.size === 0) await client.open();
          const input = withValue(p.input(), field, spoil(valueAt(p.input(), field), hostile.char));
          const reply = await writesNothing(() =>
            p.kind === "query" ? client.query(p.procedure, input) : client.mutate(p.procedure, input),
          );
          expect(reply.status).toBe(400);
          expect(reply.error?.data.code).toBe("BAD_REQUEST");
          expect(Object.keys(reply.error?.data.fieldErrors ?? {})).toEqual([field]);
          // Domain names have their own rule (letters, digits, hyphens and dots); every other field
          // says what is wrong with the text.
          if (!field.startsWith("form.sendingDomains"))
            expect(reply.error?.data.fieldErrors?.[field]).toMatch(hostile.message);
        });
      }
    }
  }

  it("still accepts the same inputs without the hostile character (the fixtures are valid)", async () => {
    const search = await lead.query<unknown[]>("staff.accounts.search", { query: "Acme Newsletters" });
    expect(search.status).toBe(200);
    const opened = await customer.mutate("customer.tickets.open", PROCEDURES[0]?.input());
    expect(opened.status).toBe(200);
    const key = await customer.mutate("customer.apiKeys.create", { name: "Production sender" });
    expect(key.status).toBe(200);
  });
});

const rest = (path: string, body: string | Buffer | undefined, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body,
  });

interface RestError {
  error: {
    code: string;
    status: number;
    message: string;
    requestId: string;
    fields?: Record<string, string>;
  };
}

describe("a NUL or a lone surrogate in a REST body", () => {
  const report = () => ({
    reportId: "rest-hostile-1",
    accountId: customerAccountId,
    summary: "Password changed from a new device",
    signals: ["new device"],
  });
  for (const field of ["reportId", "summary", "signals.0"]) {
    for (const hostile of HOSTILE) {
      it(`POST /v1/compromise-reports ${field}: ${hostile.name} → 400 naming the field, nothing written`, async () => {
        const body = withValue(report(), field, spoil(valueAt(report(), field), hostile.char));
        const res = await writesNothing(() => rest("/v1/compromise-reports", JSON.stringify(body)));
        expect(res.status).toBe(400);
        const error = ((await res.json()) as RestError).error;
        expect(error.code).toBe("VALIDATION");
        expect(Object.keys(error.fields ?? {})).toEqual([field]);
        expect(error.fields?.[field]).toMatch(hostile.message);
        expect(error.message).toContain(field);
      });
    }
  }

  for (const hostile of HOSTILE) {
    it(`POST /v1/activity eventId: ${hostile.name} → 400 with the event's field errors, nothing written`, async () => {
      const res = await writesNothing(() =>
        rest(
          "/v1/activity",
          JSON.stringify({
            events: [
              {
                eventId: spoil("evt-hostile-1", hostile.char),
                accountId: customerAccountId,
                kind: "mail_sent",
                occurredAt: "2026-11-25T10:00:00Z",
              },
            ],
          }),
        ),
      );
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        rejected: Array<{ index: number; errors: Record<string, string> }>;
      };
      expect(body.rejected).toHaveLength(1);
      expect(Object.keys(body.rejected[0]?.errors ?? {})).toEqual(["eventId"]);
      expect(body.rejected[0]?.errors.eventId).toMatch(hostile.message);
    });
  }

  it("POST /v1/activity occurredAt in year 0000 (or 2101) → 400 naming the field, nothing written", async () => {
    const event = (eventId: string, occurredAt: string) => ({
      eventId,
      accountId: customerAccountId,
      kind: "mail_sent",
      occurredAt,
    });
    const res = await writesNothing(() =>
      rest(
        "/v1/activity",
        JSON.stringify({
          events: [
            event("evt-year-0", "0000-01-01T00:00:00Z"),
            event("evt-year-2101", "2101-01-01T00:00:00Z"),
          ],
        }),
      ),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { rejected: Array<{ errors: Record<string, string> }> };
    expect(body.rejected.map((r) => r.errors)).toEqual([
      { occurredAt: "Use a date between the years 2000 and 2100" },
      { occurredAt: "Use a date between the years 2000 and 2100" },
    ]);
  });
});

/**
 * Sends the headers and a first chunk of a body that never ends, and resolves with the answer: the
 * server can only answer if it did not wait for (or read) the rest of the body.
 */
function answerBeforeBody(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: RestError }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method: "POST", headers });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as RestError });
        req.destroy();
      });
    });
    req.on("error", reject);
    req.write(`{"reportId":"${"x".repeat(64 * 1024)}`);
  });
}

describe("REST body parsing", () => {
  it("checks the token before reading the body: no token → 401, a token without the scope → 403", async () => {
    const noToken = await answerBeforeBody("/v1/compromise-reports", { "content-type": "application/json" });
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe("UNAUTHENTICATED");
    const activityOnly = (
      await createServiceToken(server.deps, "test", { name: "activity-only", scopes: ["activity:write"] })
    ).token;
    const wrongScope = await answerBeforeBody("/v1/compromise-reports", {
      "content-type": "application/json",
      authorization: `Bearer ${activityOnly}`,
    });
    expect(wrongScope.status).toBe(403);
    // A declared 2 MB body without a token is refused for the token, not for its size.
    const declared = await answerBeforeBody("/v1/activity", {
      "content-type": "application/json",
      "content-length": String(2 * 1024 * 1024),
    });
    expect(declared.status).toBe(401);
    const sent = await fetch(`${server.url}/v1/activity`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "y".repeat(2 * 1024 * 1024) }),
    });
    expect(sent.status).toBe(401);
  });

  it("answers an oversized body with a valid token with 413 (also when it only grows once decompressed)", async () => {
    const big = await writesNothing(() =>
      rest(
        "/v1/compromise-reports",
        JSON.stringify({ ...{ reportId: "big" }, summary: "x".repeat(2 * 1024 * 1024) }),
      ),
    );
    expect(big.status).toBe(413);
    const error = ((await big.json()) as RestError).error;
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(error.message).toContain("1048576 bytes");
    const bomb = await rest("/v1/activity", gzipSync(JSON.stringify({ blob: "z".repeat(3 * 1024 * 1024) })), {
      "content-encoding": "gzip",
    });
    expect(bomb.status).toBe(413);
  });

  it("refuses a charset other than UTF-8 with 415 and says what to send", async () => {
    for (const charset of ["latin-9", "iso-8859-15", "utf-99"]) {
      const res = await writesNothing(() =>
        rest("/v1/compromise-reports", "{}", { "content-type": `application/json; charset=${charset}` }),
      );
      expect(res.status).toBe(415);
      const error = ((await res.json()) as RestError).error;
      expect(error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(error.message).toContain("charset=utf-8");
      expect(error.requestId).toBe(res.headers.get("x-request-id"));
    }
  });

  it("refuses a body that is not what its Content-Encoding says (400), an unknown encoding (415) and non-JSON (415)", async () => {
    const garbage = await writesNothing(() =>
      rest("/v1/compromise-reports", "certainly not gzip", { "content-encoding": "gzip" }),
    );
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as RestError).error.message).toMatch(/could not be decompressed.*gzip/);
    const unknown = await rest("/v1/compromise-reports", "{}", { "content-encoding": "snappy" });
    expect(unknown.status).toBe(415);
    expect(((await unknown.json()) as RestError).error.message).toContain("snappy");
    const text = await rest("/v1/compromise-reports", "{}", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    // A well-formed compressed body is read as usual.
    const gzipped = await rest(
      "/v1/compromise-reports",
      gzipSync(JSON.stringify({ reportId: "gz", accountId: "nope", summary: "compressed" })),
      { "content-encoding": "gzip" },
    );
    expect(gzipped.status).toBe(400);
    expect(Object.keys(((await gzipped.json()) as RestError).error.fields ?? {})).toEqual(["accountId"]);
  });

  it("refuses malformed JSON with 400 and no stack", async () => {
    const res = await rest("/v1/compromise-reports", "{nope");
    expect(res.status).toBe(400);
    const text = await res.text();
    expect((JSON.parse(text) as RestError).error.message).toBe("The request body is not valid JSON.");
    expect(text).not.toMatch(/at .*\.[jt]s:\d+|stack/i);
  });
});

describe("tRPC body parsing", () => {
  it("refuses another charset or a compressed body with 415 in tRPC's error shape", async () => {
    const client = new BrowserClient(server.url);
    await client.open();
    const signIn = JSON.stringify({ email: "owner@acme.test", password: DEMO_PASSWORD });
    for (const headers of [
      { "content-type": "application/json; charset=latin-9" },
      { "content-type": "application/json", "content-encoding": "gzip" },
    ]) {
      const res = await writesNothing(() =>
        client.raw("/trpc/customer.auth.signIn", { method: "POST", headers, body: gzipSync(signIn) }),
      );
      expect(res.status).toBe(415);
      const body = (await res.json()) as {
        error: { message: string; data: { code: string; httpStatus: number; requestId: string } };
      };
      expect(body.error.data).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415 });
      expect(body.error.data.requestId).toBe(res.headers.get("x-request-id"));
      expect(body.error.message).toMatch(/Send (JSON as UTF-8|the body uncompressed)/);
    }
  });
});

describe("a NUL or a lone surrogate in the URL", () => {
  it("is a 4xx (or the SPA's page) on /v1, /trpc and the SPA routes, never a 500", async () => {
    const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify(value))}`;
    const expected: Record<string, number> = {
      "/v1/compromise-reports%00": 404,
      "/v1/compromise-reports%ED%A0%80": 404,
      "/v1/%E0%A4%A": 404,
      "/trpc/staff.accounts.search%00": 404,
      "/trpc/staff.accounts.search%ED%A0%80": 400,
      "/trpc/staff.accounts.search?input=%00": 400,
      [`/trpc/staff.accounts.search${input({ query: "\u0000" })}`]: 400,
      [`/trpc/staff.accounts.search${input({ query: "a\ud800" })}`]: 400,
      "/trpc/staff.accounts.search?input=%ED%A0%80": 400,
      "/%ED%A0%80": 400,
      "/%E0%A4%A": 400,
      "/tickets/%ED%A0%80?x=%00": 400,
      // A client-side route: the SPA's page, which shows its own "not found".
      "/tickets/%00?x=%ED%A0%80": 200,
    };
    const statuses: Record<string, number> = {};
    for (const path of Object.keys(expected)) {
      const res = await lead.raw(path);
      statuses[path] = res.status;
      const body = await res.text();
      if (res.status !== 200) {
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        expect(body).toContain(res.headers.get("x-request-id"));
      }
    }
    expect(statuses).toEqual(expected);
  });
});
