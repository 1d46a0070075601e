import { appendAuditEvent, revokeSession } from "@trustdesk/db";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import type { ActiveSession } from "./resolve-session.ts";

export async function signOut(deps: ServiceDeps, meta: RequestMeta, session: ActiveSession): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await revokeSession(trx, session.id, "signed_out", deps.now());
    await appendAuditEvent(trx, {
      actorType: session.realm === "customer" ? "customer" : "staff",
      actorId: session.userId,
      action: "auth.signed_out",
      subjectType: "session",
      subjectId: session.id,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}
