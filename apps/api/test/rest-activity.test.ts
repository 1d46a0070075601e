import { createHash } from "node:crypto";
import { createServiceToken, revokeServiceToken } from "@trustdesk/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let activityToken: string;
let compromiseOnlyToken: string;
let accountId: string;

beforeAll(async () => {
  server = await startTestServer();
  activityToken = (
    await createServiceToken(server.deps, "test", { name: "email-service", scopes: ["activity:write"] })
  ).token;
  compromiseOnlyToken = (
    await createServiceToken(server.deps, "test", { name: "detector", scopes: ["compromise:write"] })
  ).token;
  accountId = (
    await server.deps.db
      .insertInto("accounts")
      .values({ name: "Active Co", website: null, country: null, signup_ip: null })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await server.close();
});

function post(body: unknown, token: string | null = activityToken) {
  return fetch(`${server.url}/v1/activity`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

const event = (eventId: string, kind = "mail_sent", quantity = 1, occurredAt = "2026-11-20T10:00:00Z") => ({
  eventId,
  accountId,
  kind,
  occurredAt,
  quantity,
});

async function rollup(day: string) {
  return server.deps.db
    .selectFrom("activity_daily")
    .select(["mail_sent", "api_calls", "sign_ins"])
    .where("account_id", "=", accountId)
    .where("day", "=", day)
    .executeTakeFirst();
}

describe("POST /v1/activity", () => {
  it("refuses a missing or unknown token with 401 and a token without the scope with 403", async () => {
    const none = await post({ events: [event("e0")] }, null);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await post({ events: [event("e0")] }, "tdsvc_not-a-real-token")).status).toBe(401);
    const wrongScope = await post({ events: [event("e0")] }, compromiseOnlyToken);
    expect(wrongScope.status).toBe(403);
    expect(((await wrongScope.json()) as { error: { message: string } }).error.message).toContain(
      "activity:write",
    );
  });

  it("records a batch into the daily rollups, and a retried batch changes nothing", async () => {
    const batch = {
      events: [
        event("a1", "mail_sent", 100),
        event("a2", "api_call", 7),
        event("a3", "sign_in"),
        event("a4", "mail_sent", 5),
      ],
    };
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accepted: 4, duplicates: 0, rejected: [] });
    expect(await rollup("2026-11-20")).toEqual({ mail_sent: "105", api_calls: "7", sign_ins: "1" });
    const retry = await post(batch);
    expect(await retry.json()).toEqual({ accepted: 0, duplicates: 4, rejected: [] });
    expect(await rollup("2026-11-20")).toEqual({ mail_sent: "105", api_calls: "7", sign_ins: "1" });
  });

  it("takes overlapping batches in parallel without a deadlock, and the rollups add up", async () => {
    // Twelve batches over the same eight accounts × days, each in a different order: before the
    // rollup upsert took its rows in key order, such batches deadlocked into 500s.
    const accounts = await server.deps.db
      .insertInto("accounts")
      .values(
        Array.from({ length: 8 }, (_, i) => ({
          name: `Busy ${i}`,
          website: null,
          country: null,
          signup_ip: null,
        })),
      )
      .returning("id")
      .execute();
    const batches = Array.from({ length: 12 }, (_, b) => ({
      events: Array.from({ length: 64 }, (_, i) => {
        const k = (i * (b + 1) + b) % 64;
        return {
          eventId: `par-${b}-${i}`,
          accountId: accounts[k % 8]?.id,
          kind: "mail_sent",
          occurredAt: `2026-11-${String(10 + (k % 8)).padStart(2, "0")}T12:00:00Z`,
          quantity: 1,
        };
      }),
    }));
    const statuses = await Promise.all(batches.map(async (batch) => (await post(batch)).status));
    expect(statuses).toEqual(batches.map(() => 200));
    const total = await server.deps.db
      .selectFrom("activity_daily")
      .select((eb) => eb.fn.sum<string>("mail_sent").as("n"))
      .where(
        "account_id",
        "in",
        accounts.map((a) => a.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(12 * 64);
  });

  it("stores a batch sent twelve times at once exactly once, and counts it once in the rollups", async () => {
    const batch = {
      events: Array.from({ length: 20 }, (_, i) =>
        event(`twelve-${i}`, "api_call", 3, "2026-11-21T08:00:00Z"),
      ),
    };
    const replies = await Promise.all(
      Array.from({ length: 12 }, async () => (await post(batch)).json() as Promise<{ accepted: number }>),
    );
    expect(replies.reduce((sum, r) => sum + r.accepted, 0)).toBe(20);
    const stored = await server.deps.db
      .selectFrom("activity_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("event_id", "like", "twelve-%")
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(20);
    const rollup = await server.deps.db
      .selectFrom("activity_daily")
      .select("api_calls")
      .where("account_id", "=", accountId)
      .where("day", "=", "2026-11-21")
      .executeTakeFirstOrThrow();
    expect(Number(rollup.api_calls)).toBe(60);
  });

  it("keeps the good events of a mixed batch and reports each bad one by index with its fields (207)", async () => {
    const res = await post({
      events: [
        event("m1", "mail_sent", 3, "2026-11-21T00:00:00Z"),
        { ...event("m2"), kind: "teleport" },
        { ...event("m3"), occurredAt: "yesterday" },
        { ...event("m4"), accountId: "00000000-0000-4000-8000-000000000000" },
        event("m1", "mail_sent", 3, "2026-11-21T00:00:00Z"),
        "not an object",
      ],
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as {
      accepted: number;
      rejected: Array<{ index: number; eventId: string | null; errors: Record<string, string> }>;
    };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(body.rejected[0]?.errors ?? {})).toEqual(["kind"]);
    expect(body.rejected[1]?.errors.occurredAt).toContain("ISO 8601");
    expect(body.rejected[2]?.errors).toEqual({ accountId: "no account with this id" });
    expect(body.rejected[3]?.errors).toEqual({ eventId: "appears twice in this batch" });
    expect((await rollup("2026-11-21"))?.mail_sent).toBe("3");
  });

  it("answers 400 when every event is refused or the envelope is wrong, naming the fields", async () => {
    const allBad = await post({ events: [{ eventId: "x" }] });
    expect(allBad.status).toBe(400);
    const envelope = await post({ evnts: [] });
    expect(envelope.status).toBe(400);
    expect(
      ((await envelope.json()) as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty("events");
    const tooMany = await post({ events: Array.from({ length: 1001 }, (_, i) => event(`t${i}`)) });
    expect(tooMany.status).toBe(400);
  });

  it("stops accepting a revoked token", async () => {
    const created = await createServiceToken(server.deps, "test", {
      name: "short-lived",
      scopes: ["activity:write"],
    });
    expect((await post({ events: [event("r1")] }, created.token)).status).toBe(200);
    await revokeServiceToken(server.deps, "test", created.id);
    expect((await post({ events: [event("r2")] }, created.token)).status).toBe(401);
  });

  it("stores service tokens only as hashes", async () => {
    const rows = await server.deps.db.selectFrom("service_tokens").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(activityToken);
    const mine = rows.find((r) => r.token_hash.equals(createHash("sha256").update(activityToken).digest()));
    expect(mine?.token_prefix).toBe(activityToken.slice(0, 12));
  });
});

describe("GET /v1/openapi.json", () => {
  it("describes the REST surface from the same zod schemas", async () => {
    const doc = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: { ActivityEvent: { required: string[]; properties: Record<string, unknown> } } };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/activity");
    expect(doc.components.schemas.ActivityEvent.required).toEqual(
      expect.arrayContaining(["eventId", "accountId", "kind", "occurredAt"]),
    );
  });
});
