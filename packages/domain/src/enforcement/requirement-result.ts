import type { StaffRole } from "../auth/roles.ts";

/** One reactivation requirement and whether the facts meet it. */
export interface RequirementResult {
  /** Internal policy code, e.g. `ato.password_changed`. Agent-facing only. */
  code: string;
  met: boolean;
  /** What the customer must do or wait for, in their words. No codes, weights, list names or notes. */
  customerText: string;
  /** What the agent needs to know, with the specifics (dates, ids, counts). */
  agentText: string;
}

export interface ReactivationAssessment {
  /** True iff there is at least one requirement and every requirement is met. */
  satisfied: boolean;
  requirements: RequirementResult[];
}

/** A staff member as the lift rules see them (the name, when the service loaded it, is for the texts). */
export interface StaffRef {
  staffId: string;
  role: StaffRole;
  name?: string;
}

/** A staff member in an agent text: "Ada Lovelace (lead)", or "a lead" — never the id. */
export function staffName(ref: StaffRef): string {
  const role = ref.role.replace("_", " ");
  return ref.name ? `${ref.name} (${role})` : `a ${role}`;
}

/** A ticket in an agent text: "ticket #1042", or "the customer's ticket" — never the id. */
export function ticketName(ticketNumber: number | null | undefined): string {
  return ticketNumber ? `ticket #${ticketNumber}` : "the customer's ticket";
}

/** A key in an agent text: its name and public prefix — never the id. */
export function keyName(key: { name?: string | undefined; prefix?: string | undefined }): string {
  if (key.name) return key.prefix ? `"${key.name}" (${key.prefix})` : `"${key.name}"`;
  return key.prefix ?? "an unnamed key";
}

export function assessRequirements(requirements: RequirementResult[]): ReactivationAssessment {
  return { satisfied: requirements.length > 0 && requirements.every((r) => r.met), requirements };
}

export function requirement(
  code: string,
  met: boolean,
  customerText: string,
  agentText: string,
): RequirementResult {
  return { code, met, customerText, agentText };
}

/** Agent-facing rendering of an instant. */
export function at(date: Date): string {
  return date.toISOString();
}
