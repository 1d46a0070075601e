import { createServiceToken, seedDemoData } from "@trustdesk/services";
import { appRouter } from "@trustdesk/trpc";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserClient } from "./support/browser-client.ts";
import { signUpThroughMail } from "./support/sign-up.ts";
import { staffClients } from "./support/staff-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

/**
 * Property-based fuzzing of every procedure's input and every REST body: whatever arrives, the answer
 * is never a 5xx and never carries a stack trace, SQL or a file path. Inputs are built from the
 * procedure's own field names (so they get past "not an object" and reach the field rules and the
 * services behind them) with hostile values: control characters, lone surrogates, huge and negative
 * numbers, year-0000 dates, ids of the wrong shape, nested junk. And a call refused as invalid
 * (400) has written nothing: every table holds as many rows after it as before.
 */

/** Per procedure: ~60 procedures × 15 calls keeps the file under a minute on a shared machine. */
const RUNS = 15;

/** Leaks a response must never carry. */
const LEAK =
  /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|\bSELECT\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b|relation "|syntax error at|violates \w+ constraint|duplicate key value/i;

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\udfff tail",
    "0000-01-01T00:00:00Z",
    "9999-12-31",
    "2026-02-30",
    "SG.aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "x".repeat(70_000),
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "TD-0000000",
    "   ",
  ),
  fc.uuid(),
);
const hostileLeaf = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.oneof(
  { depthSize: "small" },
  hostileLeaf,
  fc.array(hostileLeaf, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), hostileLeaf, { maxKeys: 4 }),
);

interface Procedure {
  path: string;
  type: "query" | "mutation";
  fields: string[];
}

function proceduresWithInput(): Procedure[] {
  type Definition = { _def: { type: Procedure["type"]; inputs: Array<{ shape?: object }> } };
  const defs = (appRouter as unknown as { _def: { procedures: Record<string, Definition> } })._def.procedures;
  return Object.entries(defs)
    .filter(([, p]) => p._def.inputs.length > 0)
    .map(([path, p]) => ({ path, type: p._def.type, fields: Object.keys(p._def.inputs[0]?.shape ?? {}) }));
}

/** An input for a procedure: its own fields with hostile values (some left out), or any JSON at all. */
function inputFor(procedure: Procedure) {
  const shaped =
    procedure.fields.length > 0
      ? fc.record(Object.fromEntries(procedure.fields.map((f) => [f, hostileValue])), {
          requiredKeys: [],
        })
      : fc.constant({});
  return fc.oneof(shaped, shaped, fc.jsonValue({ maxDepth: 3 }));
}

let server: TestServer;
let customer: BrowserClient;
let staff: (role: string) => Promise<BrowserClient>;
let token: string;
let raw: pg.Pool;
let countRows: () => Promise<string>;
/** How many refused (400) calls had their "nothing written" checked: the check must have run. */
let refusalsChecked = 0;

/**
 * Row counts of every table of ours, as one string to compare. Not the session and rate-limit
 * tables: refusing a caller may count the attempt, and that is the design, not a partial write.
 */
async function rowCounter(pool: pg.Pool): Promise<() => Promise<string>> {
  const tables = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name !~ '^(sessions|rate_limit|kysely_)' order by 1`,
  );
  const query = tables.rows
    .map((t) => `select '${t.name}' as t, count(*)::int as n from "${t.name}"`)
    .join(" union all ");
  return async () =>
    (await pool.query<{ t: string; n: number }>(query)).rows.map((r) => `${r.t}=${r.n}`).join(" ");
}

/** Sends one call; when it is refused as invalid (400), checks that nothing was written. */
async function callAndCheck(path: string, input: unknown, send: () => Promise<Response>): Promise<void> {
  const before = await countRows();
  const res = await send();
  const body = await res.text();
  await check(path, res.status, body, input);
  if (res.status === 400) {
    refusalsChecked++;
    const after = await countRows();
    if (after !== before) {
      throw new Error(
        `${path} refused ${JSON.stringify(input).slice(0, 200)} with 400 but wrote: ${diff(before, after)}`,
      );
    }
  }
}

function diff(before: string, after: string): string {
  const was = new Map(before.split(" ").map((p) => p.split("=") as [string, string]));
  return after
    .split(" ")
    .map((p) => p.split("=") as [string, string])
    .filter(([t, n]) => was.get(t) !== n)
    .map(([t, n]) => `${t} ${was.get(t)} → ${n}`)
    .join(", ");
}

beforeAll(async () => {
  server = await startTestServer();
  raw = new pg.Pool({ connectionString: server.connectionString, max: 2 });
  countRows = await rowCounter(raw);
  await seedDemoData(server.deps);
  staff = staffClients(() => server.url);
  customer = new BrowserClient(server.url);
  await customer.open();
  await signUpThroughMail(server, customer, {
    email: "fuzz-owner@fuzz-account.test",
    password: "a-long-enough-password",
    name: "Fuzz Owner",
    accountName: "Fuzz Account",
  });
  token = (
    await createServiceToken(server.deps, "test", {
      name: "fuzzer",
      scopes: ["activity:write", "compromise:write", "exposure:write"],
    })
  ).token;
});
afterAll(async () => {
  await raw?.end();
  await server?.close();
});

async function check(path: string, status: number, body: string, input: unknown): Promise<void> {
  if (status >= 500 || LEAK.test(body)) {
    throw new Error(
      `${path} answered ${status} to ${JSON.stringify(input).slice(0, 300)}: ${body.slice(0, 300)}`,
    );
  }
}

describe("fuzzing every procedure's input", () => {
  it("never answers 5xx or leaks internals, and writes nothing when it refuses, as the caller each procedure admits", async () => {
    const procedures = proceduresWithInput();
    expect(procedures.length).toBeGreaterThan(40);
    // Staff procedures as an admin (the widest role) and a lead (the ATO lift approvals).
    const admin = await staff("admin");
    const lead = await staff("lead");
    let calls = 0;
    for (const procedure of procedures) {
      const client = procedure.path.startsWith("customer.")
        ? customer
        : procedure.path.startsWith("staff.enforcements.") && /approve|decline/i.test(procedure.path)
          ? lead
          : admin;
      await fc.assert(
        fc.asyncProperty(inputFor(procedure), async (input) => {
          calls++;
          await callAndCheck(procedure.path, input, () =>
            procedure.type === "query"
              ? client.raw(`/trpc/${procedure.path}?input=${encodeURIComponent(JSON.stringify(input))}`)
              : client.raw(`/trpc/${procedure.path}`, {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify(input),
                }),
          );
        }),
        { numRuns: RUNS },
      );
    }
    expect(calls).toBe(procedures.length * RUNS);
    expect(refusalsChecked).toBeGreaterThan(procedures.length);
  }, 300_000);

  it("never answers 5xx or leaks internals for any /v1 body, and writes nothing when it refuses", async () => {
    const checkedBefore = refusalsChecked;
    for (const path of ["/v1/activity", "/v1/compromise-reports"]) {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue({ maxDepth: 3 }),
            fc.array(
              fc.dictionary(
                fc.constantFrom("eventId", "accountId", "kind", "quantity", "occurredAt"),
                hostileLeaf,
              ),
            ),
            fc.dictionary(
              fc.constantFrom("reportId", "accountId", "summary", "signals", "occurredAt"),
              hostileValue,
            ),
          ),
          async (body) => {
            await callAndCheck(path, body, () =>
              fetch(`${server.url}${path}`, {
                method: "POST",
                headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
                body: JSON.stringify(body),
              }),
            );
          },
        ),
        { numRuns: 60 },
      );
    }
    expect(refusalsChecked).toBeGreaterThan(checkedBefore + 20);
  });
});
