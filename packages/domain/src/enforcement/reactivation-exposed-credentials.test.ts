import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ExposedCredentialsReactivationFacts,
  exposedCredentialsRequirements,
} from "./reactivation-exposed-credentials.ts";

const T0 = new Date("2026-03-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const PREFIX = `SG.${"A".repeat(22)}`;

function done(
  overrides: Partial<ExposedCredentialsReactivationFacts> = {},
): ExposedCredentialsReactivationFacts {
  return {
    exposedKeys: [{ id: "leaked", keyPrefix: PREFIX, foundAt: T0, revokedAt: T0 }],
    accountKeys: [
      { id: "leaked", createdAt: at(-1000), revokedAt: T0 },
      { id: "fresh", createdAt: at(30), revokedAt: null },
    ],
    customerConfirmation: { ticketId: "t-1", confirmedAt: at(60) },
    ...overrides,
  };
}

const unmet = (f: ExposedCredentialsReactivationFacts) =>
  exposedCredentialsRequirements(f)
    .requirements.filter((r) => !r.met)
    .map((r) => r.code);

describe("exposed-credentials reactivation requirements", () => {
  it("are satisfied with the leaked key revoked, a new key after the leak and the customer's confirmation", () => {
    const a = exposedCredentialsRequirements(done());
    expect(a.satisfied).toBe(true);
    expect(a.requirements.map((r) => r.code)).toEqual([
      "exposed.keys_revoked",
      "exposed.replacement_created",
      "exposed.customer_confirmed",
    ]);
  });
  it("need every exposed key revoked, naming the ones that are not by prefix", () => {
    const f = done({ exposedKeys: [{ id: "leaked", keyPrefix: PREFIX, foundAt: T0, revokedAt: null }] });
    expect(unmet(f)).toEqual(["exposed.keys_revoked"]);
    expect(exposedCredentialsRequirements(f).requirements[0]?.agentText).toContain(PREFIX);
  });
  it("need an active replacement created after the latest exposure, not the leaked key itself", () => {
    expect(unmet(done({ accountKeys: [{ id: "old", createdAt: at(-5), revokedAt: null }] }))).toEqual([
      "exposed.replacement_created",
    ]);
    expect(unmet(done({ accountKeys: [{ id: "fresh", createdAt: at(30), revokedAt: at(40) }] }))).toEqual([
      "exposed.replacement_created",
    ]);
    expect(unmet(done({ accountKeys: [{ id: "leaked", createdAt: at(30), revokedAt: null }] }))).toEqual([
      "exposed.replacement_created",
    ]);
    const twoLeaks = done({
      exposedKeys: [
        { id: "leaked", keyPrefix: PREFIX, foundAt: T0, revokedAt: T0 },
        { id: "leaked-2", keyPrefix: PREFIX, foundAt: at(45), revokedAt: at(45) },
      ],
    });
    expect(unmet(twoLeaks)).toEqual(["exposed.replacement_created"]);
  });
  it("need the customer's confirmation, given after the latest exposure", () => {
    expect(unmet(done({ customerConfirmation: null }))).toEqual(["exposed.customer_confirmed"]);
    expect(unmet(done({ customerConfirmation: { ticketId: "t-1", confirmedAt: at(-1) } }))).toEqual([
      "exposed.customer_confirmed",
    ]);
  });
  it("meet nothing when no exposure is recorded", () => {
    expect(exposedCredentialsRequirements(done({ exposedKeys: [] })).requirements.every((r) => !r.met)).toBe(
      true,
    );
  });
});

const instant = fc.integer({ min: -500, max: 500 }).map(at);
const keyId = fc.constantFrom("k1", "k2", "k3", "k4");
const factsArb: fc.Arbitrary<ExposedCredentialsReactivationFacts> = fc.record({
  exposedKeys: fc.array(
    fc.record({
      id: keyId,
      keyPrefix: fc.constant(PREFIX),
      foundAt: instant,
      revokedAt: fc.option(instant, { nil: null }),
    }),
    { maxLength: 3 },
  ),
  accountKeys: fc.array(
    fc.record({ id: keyId, createdAt: instant, revokedAt: fc.option(instant, { nil: null }) }),
    { maxLength: 4 },
  ),
  customerConfirmation: fc.option(fc.record({ ticketId: fc.constant("t"), confirmedAt: instant }), {
    nil: null,
  }),
});

describe("exposed-credentials reactivation, properties", () => {
  it("is satisfied iff every requirement is met, iff the independent oracle says so", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const a = exposedCredentialsRequirements(f);
        expect(a.satisfied).toBe(a.requirements.every((r) => r.met));
        const exposedIds = new Set(f.exposedKeys.map((k) => k.id));
        const latest = Math.max(...f.exposedKeys.map((k) => k.foundAt.getTime()));
        const oracle =
          f.exposedKeys.length > 0 &&
          f.exposedKeys.every((k) => k.revokedAt !== null) &&
          f.accountKeys.some(
            (k) => !exposedIds.has(k.id) && k.revokedAt === null && k.createdAt.getTime() > latest,
          ) &&
          f.customerConfirmation !== null &&
          f.customerConfirmation.confirmedAt.getTime() >= latest;
        expect(a.satisfied).toBe(oracle);
      }),
    );
  });
  it("is never satisfied while an exposed key is not revoked", () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        if (f.exposedKeys.some((k) => k.revokedAt === null))
          expect(exposedCredentialsRequirements(f).satisfied).toBe(false);
      }),
    );
  });
});
