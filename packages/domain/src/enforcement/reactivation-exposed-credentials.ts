import {
  assessRequirements,
  at,
  keyName,
  type ReactivationAssessment,
  type RequirementResult,
  requirement,
  ticketName,
} from "./requirement-result.ts";

/** The facts the service loads to decide whether an exposed-credentials enforcement may be lifted. */
export interface ExposedCredentialsReactivationFacts {
  /** Every key exposure this enforcement covers (a case may collect several). */
  exposedKeys: ReadonlyArray<{
    id: string;
    name?: string;
    keyPrefix: string;
    foundAt: Date;
    revokedAt: Date | null;
  }>;
  /** Every API key of the account now (name and prefix: how the texts name a key). */
  accountKeys: ReadonlyArray<{
    id: string;
    name?: string;
    prefix?: string;
    createdAt: Date;
    revokedAt: Date | null;
  }>;
  /** The customer's confirmation of the clean-up on the ticket; null while not given. */
  customerConfirmation: { ticketId: string; ticketNumber?: number; confirmedAt: Date } | null;
}

export const EXPOSED_CREDENTIALS_REQUIREMENT_CODES = [
  "exposed.keys_revoked",
  "exposed.replacement_created",
  "exposed.customer_confirmed",
] as const;

/**
 * "After the exposure" means after the *latest* exposure this enforcement covers: a replacement made
 * between two leaks, or a confirmation given before the second one, does not vouch for the clean-up
 * of the second. With no exposure recorded nothing can be vouched for, so nothing is met.
 */
export function exposedCredentialsRequirements(
  facts: ExposedCredentialsReactivationFacts,
): ReactivationAssessment {
  const results: RequirementResult[] = [];
  const exposed = facts.exposedKeys;
  const latest = exposed.reduce<Date | null>(
    (max, k) => (max === null || k.foundAt > max ? k.foundAt : max),
    null,
  );

  const unrevoked = exposed.filter((k) => k.revokedAt === null);
  results.push(
    requirement(
      "exposed.keys_revoked",
      exposed.length > 0 && unrevoked.length === 0,
      "Every API key that was exposed is revoked.",
      exposed.length === 0
        ? "No exposed key is recorded for this enforcement; check its evidence."
        : unrevoked.length === 0
          ? `All ${exposed.length} exposed keys are revoked.`
          : `Exposed keys still not revoked: ${unrevoked.map((k) => keyName({ name: k.name, prefix: k.keyPrefix })).join(", ")}.`,
    ),
  );

  const exposedIds = new Set(exposed.map((k) => k.id));
  const replacement =
    latest === null
      ? undefined
      : facts.accountKeys.find((k) => !exposedIds.has(k.id) && k.revokedAt === null && k.createdAt > latest);
  results.push(
    requirement(
      "exposed.replacement_created",
      replacement !== undefined,
      "Create a new API key to replace the exposed one and use it in your applications.",
      replacement !== undefined
        ? `Replacement key ${keyName(replacement)} created at ${at(replacement.createdAt)}, after the exposure.`
        : latest === null
          ? "No exposure time is known, so no key counts as a replacement."
          : `No active key created after the latest exposure at ${at(latest)}.`,
    ),
  );

  const confirmation = facts.customerConfirmation;
  const confirmed = confirmation !== null && latest !== null && confirmation.confirmedAt >= latest;
  results.push(
    requirement(
      "exposed.customer_confirmed",
      confirmed,
      "Confirm on your ticket that you removed the key from where it was found and replaced it everywhere you use it.",
      confirmation === null
        ? "The customer has not confirmed the clean-up on a ticket."
        : confirmed
          ? `The customer confirmed the clean-up on ${ticketName(confirmation.ticketNumber)} at ${at(confirmation.confirmedAt)}.`
          : `The customer's confirmation at ${at(confirmation.confirmedAt)} predates the latest exposure; a new confirmation is needed.`,
    ),
  );

  return assessRequirements(results);
}
