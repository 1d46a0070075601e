import { randomBytes } from "node:crypto";
import type { Executor } from "@trustdesk/db";
import { apiKeyDisplayPrefix } from "@trustdesk/domain";
import { sha256 } from "../security/tokens.ts";

export interface IssuedApiKey {
  id: string;
  keyId: string;
  /** The whole key, `SG.<key id>.<secret>`: returned once, never stored. */
  key: string;
  prefix: string;
}

/**
 * Makes a key of the email service's format: a 22-character public key id and a 43-character secret
 * (256 bits), both base64url. Only the secret's SHA-256 is stored, so a leaked key is matched by id
 * and confirmed by hash, and nobody can read a key back.
 */
export async function issueApiKey(
  trx: Executor,
  input: {
    accountId: string;
    name: string;
    createdByUserId: string | null;
    createdAt?: Date;
    /** Made while the account is suspended for takeover: disabled until the lift. */
    duringTakeoverSuspension?: boolean;
  },
): Promise<IssuedApiKey> {
  const keyId = randomBytes(16).toString("base64url");
  const secret = randomBytes(32).toString("base64url");
  const row = await trx
    .insertInto("api_keys")
    .values({
      account_id: input.accountId,
      name: input.name,
      key_id: keyId,
      secret_hash: sha256(secret),
      created_by_user_id: input.createdByUserId,
      last_used_at: null,
      disabled_at: input.duringTakeoverSuspension ? (input.createdAt ?? new Date()) : null,
      created_during_suspension: input.duringTakeoverSuspension ?? false,
      revoked_at: null,
      revoked_reason: null,
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, keyId, key: `SG.${keyId}.${secret}`, prefix: apiKeyDisplayPrefix(keyId) };
}
