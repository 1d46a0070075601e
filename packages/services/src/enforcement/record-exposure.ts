import { timingSafeEqual } from "node:crypto";
import { type Executor, enqueueMail } from "@trustdesk/db";
import {
  apiKeyDisplayPrefix,
  type CredentialExposureSource,
  type ExposedCredentialsEvidence,
  parseApiKey,
} from "@trustdesk/domain";
import type { Actor } from "../audit/audit-actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { openCase } from "../cases/open-case.ts";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { credentialExposureMail } from "../mail/templates.ts";
import { sha256 } from "../security/tokens.ts";
import { applyEnforcement } from "./apply-enforcement.ts";

export interface RecordExposureInput {
  /** The key-shaped string as it was found. Never stored, never logged. */
  candidate: string;
  source: CredentialExposureSource;
  /** Where it was seen: a URL, a path and commit, "ticket #1042". */
  location: string;
  foundAt?: Date;
}

export type ExposureVerdict =
  /** Not our key format at all. */
  | { status: "not_a_key" }
  /** Our format, but no issued key has that id, or the secret does not match: a false positive. */
  | { status: "unknown_key" }
  /** A real key of ours: revoked now (or already), the account enforced and told. */
  | {
      status: "revoked" | "already_revoked";
      apiKeyId: string;
      accountId: string;
      keyPrefix: string;
      caseNumber: string;
      enforcementId: string;
      /** False when this exact exposure (key, source, location) was already recorded. */
      newExposure: boolean;
    };

/**
 * One entry point for every exposure of an API key (partner webhook, exposure scan, keys pasted
 * into tickets): match by the public key id, confirm by the secret's hash, revoke at once, enforce
 * the account, open or extend the exposure case and tell the customer which key, where and when.
 * Safe to retry: a repeated exposure changes nothing.
 */
export function recordExposure(
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  input: RecordExposureInput,
): Promise<ExposureVerdict> {
  return deps.db.transaction().execute((trx) => recordExposureIn(trx, deps, actor, meta, input));
}

/** The same, inside the caller's transaction (a ticket that carries a pasted key). */
export async function recordExposureIn(
  trx: Executor,
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  input: RecordExposureInput,
): Promise<ExposureVerdict> {
  const parsed = parseApiKey(input.candidate.trim());
  if (!parsed) return { status: "not_a_key" };
  const key = await trx
    .selectFrom("api_keys")
    .select(["id", "secret_hash"])
    .where("key_id", "=", parsed.keyId)
    .executeTakeFirst();
  const hash = sha256(parsed.secret);
  if (!key || key.secret_hash.length !== hash.length || !timingSafeEqual(key.secret_hash, hash))
    return { status: "unknown_key" };

  const foundAt = input.foundAt ?? deps.now();
  const location = input.location.trim().slice(0, 2000) || "unknown location";
  const row = await trx
    .selectFrom("api_keys")
    .select(["id", "account_id", "name", "key_id", "revoked_at"])
    .where("id", "=", key.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const keyPrefix = apiKeyDisplayPrefix(row.key_id);
  const alreadyRevoked = row.revoked_at !== null;
  if (!alreadyRevoked) {
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: deps.now(), revoked_reason: `exposed: ${input.source}` })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, actor, meta, {
      action: "api_key.revoked",
      subjectType: "api_key",
      subjectId: row.id,
      accountId: row.account_id,
      after: { keyPrefix, reason: "exposed", source: input.source },
    });
  }
  const kase = await openCase(trx, deps, actor, meta, {
    accountId: row.account_id,
    reason: "exposed_credentials",
    summary: `API key ${keyPrefix} ("${row.name}") found via ${input.source} at ${location}`,
  });
  const evidence: ExposedCredentialsEvidence = {
    reason: "exposed_credentials",
    keys: [{ apiKeyId: row.id, keyPrefix, name: row.name }],
    source: input.source,
    location,
    foundAt: foundAt.toISOString(),
  };
  const enforcement = await applyEnforcement(trx, actor, meta, {
    accountId: row.account_id,
    policyCode: `exposure.${input.source}`,
    evidence,
    caseId: kase.id,
  });
  const exposure = await trx
    .insertInto("credential_exposures")
    .values({
      api_key_id: row.id,
      account_id: row.account_id,
      source: input.source,
      location,
      found_at: foundAt,
      case_id: kase.id,
      enforcement_id: enforcement.id,
    })
    .onConflict((oc) => oc.columns(["api_key_id", "source", "location"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (exposure) {
    await recordAudit(trx, actor, meta, {
      action: "credential_exposure.recorded",
      subjectType: "credential_exposure",
      subjectId: exposure.id,
      accountId: row.account_id,
      after: {
        keyPrefix,
        source: input.source,
        location,
        foundAt: foundAt.toISOString(),
        caseNumber: kase.number,
      },
    });
    const recipients = await trx
      .selectFrom("customer_users")
      .select("email")
      .where("account_id", "=", row.account_id)
      .where("role", "in", ["owner", "admin"])
      .execute();
    for (const r of recipients) {
      await enqueueMail(
        trx,
        credentialExposureMail(
          r.email,
          kase.number,
          { name: row.name, prefix: keyPrefix },
          location,
          foundAt,
          deps.config.publicUrl,
        ),
      );
    }
  }
  return {
    status: alreadyRevoked ? "already_revoked" : "revoked",
    apiKeyId: row.id,
    accountId: row.account_id,
    keyPrefix,
    caseNumber: kase.number,
    enforcementId: enforcement.id,
    newExposure: exposure !== undefined,
  };
}
