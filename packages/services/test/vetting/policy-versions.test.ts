import type { Db } from "@trustdesk/db";
import { createTestDatabase, type TestDatabase } from "@trustdesk/db/testing";
import {
  DEFAULT_VETTING_POLICY,
  DomainError,
  type VettingOutcome,
  type VettingPolicy,
  type VettingRule,
} from "@trustdesk/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPolicyDraft,
  discardPolicyDraft,
  getPolicyVersion,
  listPolicyVersions,
  loadActiveVettingPolicy,
  publishPolicyVersion,
  replayPolicyDraft,
  type ServiceDeps,
  updatePolicyDraft,
  vetSignup,
} from "../../src/index.ts";
import { signUpThroughEmail, startTestDnsServer, type TestDnsServer } from "../../src/testing/index.ts";
import { makeStaff, settle } from "../support/fixtures.ts";
import { meta, signUpInput, vettingDeps } from "./support/vetting-fixtures.ts";

let database: TestDatabase;
let dns: TestDnsServer;
let deps: ServiceDeps;
let db: Db;
let admin: Awaited<ReturnType<typeof makeStaff>>;
let otherAdmin: Awaited<ReturnType<typeof makeStaff>>;

const MAIL_HOST = { mx: ["mx.provider.test"], a: ["192.0.2.10"] };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  dns = await startTestDnsServer(
    {
      "gmail.com": MAIL_HOST,
      "mailinator.com": MAIL_HOST,
      "nullmx-with-a.test": { mx: ["."], a: ["192.0.2.30"] },
    },
    { fallback: MAIL_HOST },
  );
  deps = vettingDeps(db, dns.servers);
  admin = await makeStaff(db, "admin");
  otherAdmin = await makeStaff(db, "admin");
});
afterAll(async () => {
  await dns?.close();
  await database?.destroy();
});

function withRule(policy: VettingPolicy, id: VettingRule["id"], change: Partial<VettingRule>): unknown[] {
  return policy.rules.map((r) => (r.id === id ? { ...r, ...change } : r));
}

async function draftRows() {
  return db
    .selectFrom("vetting_policies")
    .select(["version", "state", "active"])
    .orderBy("version")
    .execute();
}

async function auditOf(action: string) {
  return db
    .selectFrom("audit_events")
    .select(["actor_id", "subject_id", "before", "after"])
    .where("action", "=", action)
    .orderBy("id")
    .execute();
}

async function policyDecisionsOf(accountId: string) {
  return db
    .selectFrom("vetting_decisions")
    .select(["outcome", "score", "policy_version", "signals"])
    .where("account_id", "=", accountId)
    .where("decided_by", "=", "policy")
    .orderBy("created_at")
    .execute();
}

/** Drops whatever draft a test left open, so each test starts from "no draft". */
async function discardOpenDraft() {
  const open = (await listPolicyVersions(deps)).find((v) => v.state === "draft");
  if (open) {
    await discardPolicyDraft(deps, admin, null, { version: open.version, expectedRevision: open.revision });
  }
}

describe("vetting policy versions", () => {
  it("a draft is a copy of the active policy under the next version; one draft at a time, even when opened at once", async () => {
    const active = await getPolicyVersion(deps, "active");
    expect(active).toMatchObject({ version: 1, state: "published", active: true, createdBy: null });
    expect(active.policy).toEqual(DEFAULT_VETTING_POLICY);

    const { values, errors } = await settle(
      Array.from({ length: 8 }, (_, i) =>
        createPolicyDraft(deps, i % 2 ? admin : otherAdmin, null, { note: `attempt ${i}` }),
      ),
    );
    expect(values).toEqual([{ version: 2, revision: 0 }]);
    expect(errors).toHaveLength(7);
    for (const e of errors) {
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toMatch(/already opened a draft \(version 2\)/);
    }
    expect(await draftRows()).toEqual([
      { version: 1, state: "published", active: true },
      { version: 2, state: "draft", active: false },
    ]);
    const draft = await getPolicyVersion(deps, 2);
    expect(draft.policy).toEqual({ ...DEFAULT_VETTING_POLICY, version: 2 });
    expect(draft.createdBy).toMatch(/^admin \d+$/);
    expect(await auditOf("vetting_policy.draft_created")).toEqual([
      expect.objectContaining({ subject_id: "2", after: expect.objectContaining({ copiedFromVersion: 1 }) }),
    ]);
    await discardOpenDraft();
  });

  it("edits are validated by the domain schema, refused when stale, and audited with before and after", async () => {
    const { version } = await createPolicyDraft(deps, admin, null, {});
    const base = (await getPolicyVersion(deps, version)).policy;

    const invalid = await updatePolicyDraft(deps, admin, null, {
      version,
      expectedRevision: 0,
      rules: withRule(base, "velocity_ip_24h", { weight: 5000 }),
      reviewThreshold: 90,
      rejectThreshold: 80,
    }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(DomainError);
    expect((invalid as DomainError).code).toBe("VALIDATION");
    expect((invalid as DomainError).fields).toMatchObject({
      "rules.velocity_ip_24h.weight": expect.stringMatching(/0 to 1000/),
      rejectThreshold: "The reject threshold must be higher than the review threshold",
    });

    const saved = await updatePolicyDraft(deps, admin, null, {
      version,
      expectedRevision: 0,
      rules: withRule(base, "free_mail_domain", { weight: 45 }),
      reviewThreshold: 40,
      rejectThreshold: 85,
      note: "Free mail alone goes to review",
    });
    expect(saved).toEqual({ version, revision: 1 });
    // A second editor still holding revision 0 is refused, not silently overwriting the first.
    const stale = await updatePolicyDraft(deps, otherAdmin, null, {
      version,
      expectedRevision: 0,
      rules: base.rules,
      reviewThreshold: 40,
      rejectThreshold: 80,
    }).catch((e: unknown) => e);
    expect((stale as DomainError).code).toBe("CONFLICT");
    expect((stale as DomainError).message).toMatch(/changed by someone else/);

    const stored = await getPolicyVersion(deps, version);
    expect(stored).toMatchObject({
      revision: 1,
      note: "Free mail alone goes to review",
      rejectThreshold: 85,
    });
    expect(stored.policy.rules.find((r) => r.id === "free_mail_domain")?.weight).toBe(45);
    const [audit] = await auditOf("vetting_policy.draft_updated");
    expect(audit?.actor_id).toBe(admin.staffId);
    expect(audit?.before).toMatchObject({ rejectThreshold: 80, note: null });
    expect(audit?.after).toMatchObject({ rejectThreshold: 85, note: "Free mail alone goes to review" });
    // The active policy is untouched by a draft.
    expect(await loadActiveVettingPolicy(db)).toEqual(DEFAULT_VETTING_POLICY);

    await discardPolicyDraft(deps, admin, null, { version, expectedRevision: 1 });
    expect((await getPolicyVersion(deps, version)).state).toBe("discarded");
    // A discarded version's number is never reused.
    const next = await createPolicyDraft(deps, admin, null, {});
    expect(next.version).toBe(version + 1);
    await discardOpenDraft();
  });

  it("the replay of a draft predicts exactly what the engine decides once the draft is published", async () => {
    // Real sign-ups under the active version: clean, free mail, free mail + numeric address,
    // disposable, a null MX with an A record, and a disposable one with a random address.
    const signups = [
      signUpInput(),
      signUpInput({ email: "jane.doe.replay@gmail.com", website: undefined }),
      signUpInput({ email: "84920117365@gmail.com", website: undefined }),
      signUpInput({ email: "jane.replay@mailinator.com", website: undefined }),
      signUpInput({ email: "jane.replay@nullmx-with-a.test", website: undefined }),
      signUpInput({ email: "x7k2q9vbzz@mailinator.com", website: undefined }),
    ];
    const accounts: Array<{ id: string; name: string }> = [];
    for (const input of signups) {
      const r = await signUpThroughEmail(deps, meta(), {
        ...input,
        accountName: `Replay ${accounts.length}`,
      });
      accounts.push({ id: r.accountId, name: `Replay ${accounts.length}` });
    }
    const activeVersion = (await getPolicyVersion(deps, "active")).version;

    const { version } = await createPolicyDraft(deps, admin, null, { note: "Tighter on free mail" });
    const base = (await getPolicyVersion(deps, version)).policy;
    await updatePolicyDraft(deps, admin, null, {
      version,
      expectedRevision: 0,
      // Free mail alone reaches review; a null MX alone approves; reject from 70 (disposable alone).
      rules: withRule(
        { ...base, rules: withRule(base, "free_mail_domain", { weight: 40 }) as VettingRule[] },
        "no_mx_or_a_record",
        { weight: 10 },
      ),
      reviewThreshold: 40,
      rejectThreshold: 70,
    });

    // Every automatic decision in the window (this file's sign-ups only: its own database).
    const before = await db
      .selectFrom("vetting_decisions")
      .select(["account_id", "outcome", "score"])
      .where("decided_by", "=", "policy")
      .execute();
    const replay = await replayPolicyDraft(deps, { version, days: 7 });
    expect(replay.replayed).toBe(before.length);
    expect(replay.skipped).toBe(0);
    expect(replay.changed).toBeGreaterThanOrEqual(3);
    expect(replay.changes.map((c) => c.accountName)).toEqual(
      expect.arrayContaining(["Replay 1", "Replay 3", "Replay 4"]),
    );
    const byName = new Map(replay.changes.map((c) => [c.accountName, c]));
    expect(byName.get("Replay 1")).toMatchObject({
      decidedUnderVersion: activeVersion,
      before: { outcome: "approve", score: 15 },
      after: { outcome: "review", score: 40, firedRules: ["free_mail_domain"] },
    });
    expect(byName.get("Replay 3")?.before.outcome).toBe("review");
    expect(byName.get("Replay 3")?.after.outcome).toBe("reject");
    expect(byName.get("Replay 4")).toMatchObject({
      before: { outcome: "review", score: 50 },
      after: { outcome: "approve", score: 10 },
    });

    const published = await publishPolicyVersion(deps, admin, null, { version, expectedRevision: 1 });
    expect(published).toEqual({ version, previousVersion: activeVersion });

    // The same signals through the real path: re-vet every account the replay covered.
    const matrix: Record<VettingOutcome, Record<VettingOutcome, number>> = {
      approve: { approve: 0, review: 0, reject: 0 },
      review: { approve: 0, review: 0, reject: 0 },
      reject: { approve: 0, review: 0, reject: 0 },
    };
    for (const decision of before) {
      const result = await vetSignup(deps, meta(), decision.account_id);
      expect(result.policyVersion).toBe(version);
      matrix[decision.outcome][result.outcome] += 1;
      const predicted = replay.changes.find((c) => c.accountId === decision.account_id);
      if (predicted) {
        expect({ outcome: result.outcome, score: result.score }).toEqual({
          outcome: predicted.after.outcome,
          score: predicted.after.score,
        });
      } else {
        expect(result.outcome).toBe(decision.outcome);
      }
      const stored = await policyDecisionsOf(decision.account_id);
      // The new decision's signals are the ones replayed: same DNS, same velocity, same facts.
      expect(stored.at(-1)?.signals).toEqual(stored[0]?.signals);
    }
    expect(matrix).toEqual(replay.matrix);
  });

  it("every decision keeps the version it was made under; old versions stay readable", async () => {
    const versions = await listPolicyVersions(deps);
    const active = versions.filter((v) => v.active);
    expect(active).toHaveLength(1);
    const current = active[0]?.version ?? 0;
    expect(current).toBeGreaterThan(1);
    const v1 = versions.find((v) => v.version === 1);
    expect(v1).toMatchObject({ state: "published", active: false });
    expect((await getPolicyVersion(deps, 1)).policy).toEqual(DEFAULT_VETTING_POLICY);

    const r = await signUpThroughEmail(deps, meta(), signUpInput());
    expect((await policyDecisionsOf(r.accountId)).map((d) => d.policy_version)).toEqual([current]);
    const old = await db
      .selectFrom("vetting_decisions")
      .select("policy_version")
      .where("policy_version", "=", 1)
      .execute();
    expect(old.length).toBeGreaterThan(0);
    const [audit] = await auditOf("vetting_policy.published");
    expect(audit?.before).toMatchObject({ version: 1 });
    expect(audit?.after).toMatchObject({ version: current });
  });

  it("publishing at once from many tabs leaves exactly one active version", async () => {
    const { version } = await createPolicyDraft(deps, admin, null, {});
    const { values, errors } = await settle(
      Array.from({ length: 6 }, (_, i) =>
        publishPolicyVersion(deps, i % 2 ? admin : otherAdmin, null, { version, expectedRevision: 0 }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(e.code).toBe("CONFLICT");
    const rows = await draftRows();
    expect(rows.filter((r) => r.active)).toEqual([{ version, state: "published", active: true }]);
    expect(rows.filter((r) => r.state === "draft")).toEqual([]);
    expect((await loadActiveVettingPolicy(db)).version).toBe(version);
  });
});

function sameDeviceOf(signals: unknown): unknown {
  return (signals as { signupsLast24h?: { sameDevice?: unknown } } | undefined)?.signupsLast24h?.sameDevice;
}

describe("the device signal", () => {
  it("counts earlier sign-ups from the same browser: velocity_device_24h fires on the third", async () => {
    const deviceId = "0b9f6a52-6f8e-4d1e-9f43-3b7c5c2a9e11";
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(await signUpThroughEmail(deps, meta(), signUpInput({ deviceId })));
    }
    const decisions = await Promise.all(results.map((r) => policyDecisionsOf(r.accountId)));
    const sameDevice = decisions.map((d) => sameDeviceOf(d[0]?.signals));
    expect(sameDevice).toEqual([0, 1, 2]);
    const third = await db
      .selectFrom("vetting_decisions")
      .select(["fired_rules", "outcome"])
      .where("account_id", "=", results[2]?.accountId ?? "")
      .executeTakeFirstOrThrow();
    expect((third.fired_rules as Array<{ rule: string }>).map((f) => f.rule)).toEqual([
      "velocity_device_24h",
    ]);
    expect(third.outcome).toBe("review");

    // Stored keyed-hashed, never as sent.
    const account = await db
      .selectFrom("accounts")
      .select("signup_device_hash")
      .where("id", "=", results[0]?.accountId ?? "")
      .executeTakeFirstOrThrow();
    expect(account.signup_device_hash?.length).toBe(32);
    expect(account.signup_device_hash?.toString("utf8")).not.toContain(deviceId);

    // No device id, or a malformed one: no signal (null), never "a new device".
    const without = await signUpThroughEmail(deps, meta(), signUpInput());
    const [d] = await policyDecisionsOf(without.accountId);
    expect(sameDeviceOf(d?.signals)).toBeNull();
  });
});
