import { appendAuditEvent } from "@trustdesk/db";
import { type CreateServiceTokenInput, DomainError, type ServiceScope } from "@trustdesk/domain";
import type { ServiceDeps } from "../deps.ts";
import { randomToken, sha256 } from "../security/tokens.ts";

export const SERVICE_TOKEN_PREFIX = "tdsvc_";

export interface ServicePrincipal {
  tokenId: string;
  name: string;
  scopes: ServiceScope[];
}

/**
 * Creates a token for an internal system. The token is shown once and stored only as a SHA-256
 * hash (it carries 256 bits of randomness); its first characters stay visible to recognise it.
 */
export async function createServiceToken(
  deps: ServiceDeps,
  createdBy: string,
  input: CreateServiceTokenInput,
) {
  const token = `${SERVICE_TOKEN_PREFIX}${randomToken()}`;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("service_tokens")
      .values({
        name: input.name,
        token_prefix: token.slice(0, SERVICE_TOKEN_PREFIX.length + 6),
        token_hash: sha256(token),
        scopes: [...new Set(input.scopes)],
        created_by: createdBy,
      })
      .returning(["id", "name", "scopes", "token_prefix", "created_at"])
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, {
      actorType: "system",
      actorId: createdBy,
      action: "service_token.created",
      subjectType: "service_token",
      subjectId: row.id,
      after: { name: row.name, scopes: row.scopes },
    });
    return { ...row, token };
  });
}

export async function revokeServiceToken(
  deps: ServiceDeps,
  revokedBy: string,
  tokenId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("service_tokens")
      .set({ revoked_at: deps.now() })
      .where("id", "=", tokenId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new DomainError("NOT_FOUND", "No active service token with that id.");
    await appendAuditEvent(trx, {
      actorType: "system",
      actorId: revokedBy,
      action: "service_token.revoked",
      subjectType: "service_token",
      subjectId: tokenId,
    });
  });
}

export function listServiceTokens(deps: ServiceDeps) {
  return deps.db
    .selectFrom("service_tokens")
    .select([
      "id",
      "name",
      "token_prefix",
      "scopes",
      "created_by",
      "created_at",
      "last_used_at",
      "revoked_at",
    ])
    .orderBy("created_at")
    .execute();
}

/**
 * The REST layer's authentication: a missing, unknown or revoked token is UNAUTHENTICATED (401);
 * a valid token without the endpoint's scope is FORBIDDEN (403).
 */
export async function authenticateServiceToken(
  deps: ServiceDeps,
  token: string | undefined,
  scope: ServiceScope,
): Promise<ServicePrincipal> {
  if (!token?.startsWith(SERVICE_TOKEN_PREFIX) || token.length > 100) {
    throw new DomainError("UNAUTHENTICATED", "Send a service token: Authorization: Bearer tdsvc_…");
  }
  const row = await deps.db
    .selectFrom("service_tokens")
    .select(["id", "name", "scopes", "revoked_at", "last_used_at"])
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at)
    throw new DomainError("UNAUTHENTICATED", "This service token is not valid or was revoked.");
  if (!row.scopes.includes(scope)) {
    throw new DomainError("FORBIDDEN", `This service token lacks the scope ${scope}.`);
  }
  const now = deps.now();
  // Coarse last-use tracking: one write per token per minute at most.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await deps.db.updateTable("service_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { tokenId: row.id, name: row.name, scopes: row.scopes };
}
