import type { Executor } from "@trustdesk/db";
import { apiKeyDisplayPrefix, type CustomerRole, DomainError } from "@trustdesk/domain";
import { recordAudit } from "../audit/record-audit.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { findActiveTakeover } from "../recovery/find-active-takeover.ts";
import type { CustomerActor } from "../tickets/open-ticket.ts";
import { issueApiKey } from "./issue-api-key.ts";

/**
 * The account's API keys: name, public prefix and state — never a secret. The one read model of
 * keys, for the customer's list and the staff account view alike; `revokedReason` is for staff.
 */
export async function loadApiKeys(db: Executor, accountId: string) {
  const rows = await db
    .selectFrom("api_keys")
    .select([
      "id",
      "name",
      "key_id",
      "created_at",
      "last_used_at",
      "disabled_at",
      "revoked_at",
      "revoked_reason",
      "created_during_suspension",
    ])
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: apiKeyDisplayPrefix(k.key_id),
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at,
    state: k.revoked_at ? ("revoked" as const) : k.disabled_at ? ("disabled" as const) : ("active" as const),
    disabledAt: k.disabled_at,
    revokedAt: k.revoked_at,
    revokedReason: k.revoked_reason,
    createdDuringSuspension: k.created_during_suspension,
  }));
}

/** What a customer sees of their keys: the same, without the internal revocation reason. */
export async function listApiKeys(deps: ServiceDeps, accountId: string) {
  return (await loadApiKeys(deps.db, accountId)).map(({ revokedReason: _internal, ...k }) => k);
}

function requireKeyManager(role: CustomerRole) {
  if (role !== "owner" && role !== "admin") {
    throw new DomainError("FORBIDDEN", "Only the account's owner or an admin can manage API keys.");
  }
}

/**
 * Creates a key and shows it once. Allowed while restricted: replacing exposed or taken-over keys is
 * part of getting the restriction lifted (the restriction blocks sending, not this). During a
 * takeover suspension the new key is disabled until the lift (whoever made it may be the thief) and
 * the lift review lists it.
 */
export async function createApiKey(
  deps: ServiceDeps,
  customer: CustomerActor & { role: CustomerRole },
  meta: RequestMeta,
  name: string,
) {
  requireKeyManager(customer.role);
  return deps.db.transaction().execute(async (trx) => {
    const duringTakeoverSuspension = (await findActiveTakeover(trx, customer.accountId)) !== null;
    const issued = await issueApiKey(trx, {
      accountId: customer.accountId,
      name,
      createdByUserId: customer.userId,
      createdAt: deps.now(),
      duringTakeoverSuspension,
    });
    await recordAudit(
      trx,
      { type: "customer", userId: customer.userId, accountId: customer.accountId },
      meta,
      {
        action: "api_key.created",
        subjectType: "api_key",
        subjectId: issued.id,
        accountId: customer.accountId,
        after: { name, prefix: issued.prefix, duringTakeoverSuspension },
      },
    );
    return { ...issued, usableAfterLift: duringTakeoverSuspension };
  });
}

export async function revokeApiKey(
  deps: ServiceDeps,
  customer: CustomerActor & { role: CustomerRole },
  meta: RequestMeta,
  keyId: string,
) {
  requireKeyManager(customer.role);
  await deps.db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom("api_keys")
      .select(["id", "key_id", "revoked_at"])
      .where("id", "=", keyId)
      .where("account_id", "=", customer.accountId)
      .forUpdate()
      .executeTakeFirst();
    // Another account's key id answers exactly like an unknown one.
    if (!key) throw new DomainError("NOT_FOUND", "We couldn't find that API key on your account.");
    if (key.revoked_at) return;
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: deps.now(), revoked_reason: "revoked by customer" })
      .where("id", "=", key.id)
      .execute();
    await recordAudit(
      trx,
      { type: "customer", userId: customer.userId, accountId: customer.accountId },
      meta,
      {
        action: "api_key.revoked",
        subjectType: "api_key",
        subjectId: key.id,
        accountId: customer.accountId,
        after: { prefix: apiKeyDisplayPrefix(key.key_id), reason: "revoked by customer" },
      },
    );
  });
}
