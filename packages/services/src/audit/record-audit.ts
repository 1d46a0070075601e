import { type AuditEventInput, appendAuditEvent, type Executor } from "@trustdesk/db";
import type { RequestMeta } from "../deps.ts";
import { type Actor, auditFields } from "./audit-actor.ts";

/** Appends one audit event for an actor: the way use cases write the log. */
export function recordAudit(
  trx: Executor,
  actor: Actor,
  meta: RequestMeta | null,
  event: Omit<AuditEventInput, "actorType" | "actorId" | "requestId" | "ip">,
): Promise<void> {
  return appendAuditEvent(trx, { ...auditFields(actor, meta), ...event });
}
