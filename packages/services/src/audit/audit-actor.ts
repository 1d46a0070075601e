import type { AuditEventInput } from "@trustdesk/db";
import type { StaffRole } from "@trustdesk/domain";
import type { RequestMeta } from "../deps.ts";

/** Who did something, as the audit log records it. */
export type Actor =
  | { type: "customer"; userId: string; accountId: string }
  | { type: "staff"; staffId: string; role: StaffRole }
  | { type: "service"; name: string }
  | { type: "system" };

export function auditFields(
  actor: Actor,
  meta: RequestMeta | null,
): Pick<AuditEventInput, "actorType" | "actorId" | "requestId" | "ip"> {
  const actorId =
    actor.type === "customer"
      ? actor.userId
      : actor.type === "staff"
        ? actor.staffId
        : actor.type === "service"
          ? actor.name
          : null;
  return { actorType: actor.type, actorId, requestId: meta?.requestId ?? null, ip: meta?.ip ?? null };
}
