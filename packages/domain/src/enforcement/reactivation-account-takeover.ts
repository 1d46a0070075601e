import { staffCan } from "../auth/staff-permissions.ts";
import {
  assessRequirements,
  at,
  keyName,
  type ReactivationAssessment,
  type RequirementResult,
  requirement,
  type StaffRef,
  staffName,
} from "./requirement-result.ts";

/** The facts the service loads to decide whether an account-takeover suspension may be lifted. */
export interface AccountTakeoverReactivationFacts {
  enforcedAt: Date;
  /** The account owner's last password change; null when never changed since the account began. */
  passwordChangedAt: Date | null;
  /** Every customer session of the account's users (open or not). */
  sessions: ReadonlyArray<{ createdAt: Date; revokedAt: Date | null }>;
  /** When the owner's current TOTP enrolment was confirmed; null when 2FA is off. */
  totpEnabledAt: Date | null;
  /** Every API key of the account that existed at `enforcedAt` (created before it). */
  keysAtEnforcement: ReadonlyArray<KeyFact>;
  /**
   * Keys made during the suspension (in the recovery session): disabled until the lift, which
   * re-enables those not revoked. Listed so the reviewer sees what the lift turns on.
   */
  keysCreatedDuringSuspension?: ReadonlyArray<KeyFact>;
  /** Who asks for the lift. */
  requester: StaffRef;
  /** Who approved it; null while nobody has. */
  approver: StaffRef | null;
}

interface KeyFact {
  id: string;
  /** Name and public prefix: how people recognise a key (never the raw id). */
  name?: string;
  prefix?: string;
  revokedAt: Date | null;
}

const keyLabel = (k: KeyFact) => keyName(k);

export const ATO_REQUIREMENT_CODES = [
  "ato.password_changed",
  "ato.sessions_revoked",
  "ato.two_factor_enrolled",
  "ato.api_keys_revoked",
  "ato.second_person_approval",
] as const;

const MAX_LISTED = 5;

/**
 * Lifting an ATO suspension is the riskiest action in the product, so every checklist item must be
 * done *after* the suspension (work done before it may have been the attacker's) and a lead other
 * than the requester must approve (four-eyes).
 *
 * 2FA counts only when enrolled after the suspension: an attacker who held the account could have
 * enrolled their own authenticator, and an enrolment from before the takeover proves nothing.
 */
export function accountTakeoverRequirements(facts: AccountTakeoverReactivationFacts): ReactivationAssessment {
  const { enforcedAt } = facts;
  const results: RequirementResult[] = [];

  const pw = facts.passwordChangedAt;
  results.push(
    requirement(
      "ato.password_changed",
      pw !== null && pw > enforcedAt,
      "Change your password.",
      pw === null
        ? `Password never changed; the suspension was at ${at(enforcedAt)}.`
        : pw > enforcedAt
          ? `Password changed at ${at(pw)}, after the suspension at ${at(enforcedAt)}.`
          : `Password last changed at ${at(pw)}, before the suspension at ${at(enforcedAt)}.`,
    ),
  );

  const before = facts.sessions.filter((s) => s.createdAt <= enforcedAt);
  const stillOpen = before.filter((s) => s.revokedAt === null).length;
  results.push(
    requirement(
      "ato.sessions_revoked",
      stillOpen === 0,
      "Every session that was open before the suspension is signed out.",
      stillOpen === 0
        ? `All ${before.length} sessions opened before the suspension are revoked.`
        : `${stillOpen} of ${before.length} sessions opened before the suspension are still not revoked.`,
    ),
  );

  const totp = facts.totpEnabledAt;
  results.push(
    requirement(
      "ato.two_factor_enrolled",
      totp !== null && totp > enforcedAt,
      "Set up two-step verification with your own authenticator app (a new set-up made after the suspension).",
      totp === null
        ? "Two-step verification is not enabled."
        : totp > enforcedAt
          ? `Two-step verification enrolled at ${at(totp)}, after the suspension.`
          : `Two-step verification was enrolled at ${at(totp)}, before the suspension: it may be the attacker's device, so it must be enrolled again.`,
    ),
  );

  const unrevoked = facts.keysAtEnforcement.filter((k) => k.revokedAt === null);
  const listed = unrevoked.slice(0, MAX_LISTED).map(keyLabel).join(", ");
  const more = unrevoked.length > MAX_LISTED ? ` and ${unrevoked.length - MAX_LISTED} more` : "";
  results.push(
    requirement(
      "ato.api_keys_revoked",
      unrevoked.length === 0,
      "Delete every API key that existed before the suspension, and create new keys for your applications.",
      (facts.keysAtEnforcement.length === 0
        ? "The account had no API keys at the suspension."
        : unrevoked.length === 0
          ? `All ${facts.keysAtEnforcement.length} keys that existed at the suspension are revoked.`
          : `${unrevoked.length} of ${facts.keysAtEnforcement.length} keys from before the suspension are not revoked: ${listed}${more}.`) +
        madeDuringSuspension(facts.keysCreatedDuringSuspension ?? []),
    ),
  );

  results.push(secondPersonApproval(facts.requester, facts.approver));
  return assessRequirements(results);
}

function secondPersonApproval(requester: StaffRef, approver: StaffRef | null): RequirementResult {
  const customerText = "A second member of our team reviews and approves the reactivation.";
  const code = "ato.second_person_approval";
  if (approver === null) {
    return requirement(code, false, customerText, "Needs the approval of a lead other than the requester.");
  }
  if (approver.staffId === requester.staffId) {
    return requirement(
      code,
      false,
      customerText,
      "The approver is the requester: a different lead must approve (four-eyes).",
    );
  }
  if (!staffCan(approver.role, "enforcement.approve_ato_lift")) {
    return requirement(
      code,
      false,
      customerText,
      `The approver is a ${approver.role.replace("_", " ")}; only a lead may approve an account-takeover lift.`,
    );
  }
  return requirement(code, true, customerText, `Approved by ${staffName(approver)}, not the requester.`);
}

/** Appended to the keys requirement's agent text: what the lift will switch on. */
function madeDuringSuspension(keys: ReadonlyArray<KeyFact>): string {
  const live = keys.filter((k) => k.revokedAt === null);
  if (live.length === 0) return "";
  const names = live.slice(0, MAX_LISTED).map(keyLabel).join(", ");
  const more = live.length > MAX_LISTED ? ` and ${live.length - MAX_LISTED} more` : "";
  return ` Created during the suspension and enabled by the lift: ${names}${more}.`;
}
