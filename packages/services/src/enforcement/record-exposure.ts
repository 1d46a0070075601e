import { timingSafeEqual } from "node:crypto";
import { type Executor, enqueueMail, lockAccount } from "@trustdesk/db";
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
import { credentialExposureMail, pastedKeyRevokedMail } from "../mail/templates.ts";
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
  /** A real key of ours: revoked now (or already) and the customer told. */
  | {
      status: "revoked" | "already_revoked";
      apiKeyId: string;
      accountId: string;
      keyPrefix: string;
      /**
       * The exposure case and the enforcement the account is under for it; both null for a key
       * pasted into one of our own tickets (it reached only us: revoked, never enforced).
       */
      caseNumber: string | null;
      enforcementId: string | null;
      /** False when this exact exposure (key, source, location) was already recorded. */
      newExposure: boolean;
    };

/**
 * One entry point for every exposure of an API key (partner webhook, exposure scan, keys pasted
 * into tickets): match by the public key id, confirm by the secret's hash, revoke at once, enforce
 * the account, open or extend the exposure case and tell the customer which key, where and when.
 *
 * A key pasted into one of our own tickets (`source: "ticket"`) was redacted before storage and
 * reached only us: it is revoked, the exposure recorded and the customer told — but the account is
 * not restricted and no case is opened.
 *
 * A key revoked before this sighting (rotated by the customer, or an exposure already lifted) is
 * recorded and audited, not re-enforced: no new restriction, case or mail.
 *
 * Exactly once: the key's account is locked first (see `lockAccount`), and an exposure already
 * recorded (same key, source and location) changes nothing more — not even after its enforcement
 * was lifted — so retries and concurrent reports of one leak enforce and mail once.
 */
export function recordExposure(
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  input: RecordExposureInput,
): Promise<ExposureVerdict> {
  return deps.db.transaction().execute((trx) => recordExposureIn(trx, deps, actor, meta, input));
}

/**
 * A key of ours, confirmed by its secret (constant-time compare): `null` when the string is not our
 * key format, `undefined` when no issued key has that id or the secret does not match. Reads only.
 */
export async function matchApiKey(trx: Executor, candidate: string) {
  const parsed = parseApiKey(candidate.trim());
  if (!parsed) return null;
  const key = await trx
    .selectFrom("api_keys")
    .select(["id", "account_id", "secret_hash"])
    .where("key_id", "=", parsed.keyId)
    .executeTakeFirst();
  const hash = sha256(parsed.secret);
  if (!key || key.secret_hash.length !== hash.length || !timingSafeEqual(key.secret_hash, hash))
    return undefined;
  return { id: key.id, accountId: key.account_id };
}

/** The same, inside the caller's transaction (a ticket that carries a pasted key). */
export async function recordExposureIn(
  trx: Executor,
  deps: ServiceDeps,
  actor: Actor,
  meta: RequestMeta | null,
  input: RecordExposureInput,
): Promise<ExposureVerdict> {
  const key = await matchApiKey(trx, input.candidate);
  if (key === null) return { status: "not_a_key" };
  if (key === undefined) return { status: "unknown_key" };
  // Every change of this account's enforcement state runs one at a time from here on.
  await lockAccount(trx, key.accountId);

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
  // A leaked key dies first, whatever else happens: revoking twice is harmless, an active leak is not.
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
  const status = alreadyRevoked ? "already_revoked" : "revoked";

  // Idempotency before enforcing: this exposure is known, so its case, enforcement and mail exist
  // (or were deliberately lifted) — a replay must never restrict the account again.
  const known = await trx
    .selectFrom("credential_exposures as x")
    .leftJoin("cases as c", "c.id", "x.case_id")
    .select(["x.enforcement_id", "c.number"])
    .where("x.api_key_id", "=", row.id)
    .where("x.source", "=", input.source)
    .where("x.location", "=", location)
    .executeTakeFirst();
  if (known) {
    return {
      status,
      apiKeyId: row.id,
      accountId: row.account_id,
      keyPrefix,
      caseNumber: known.number,
      enforcementId: known.enforcement_id,
      newExposure: false,
    };
  }

  // A key that was already revoked cannot send mail: its exposure is recorded, but it restricts
  // nobody. Only while the account is under an exposure enforcement (this leak, seen in one more
  // place) is the new place added to that case and told to the customer.
  const enforce =
    input.source !== "ticket" &&
    (!alreadyRevoked ||
      (await trx
        .selectFrom("enforcements")
        .select("id")
        .where("account_id", "=", row.account_id)
        .where("reason", "=", "exposed_credentials")
        .where("status", "=", "active")
        .executeTakeFirst()) !== undefined);

  let kase: { id: string; number: string } | null = null;
  let enforcementId: string | null = null;
  if (enforce) {
    kase = await openCase(trx, deps, actor, meta, {
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
    enforcementId = enforcement.id;
  }
  const exposure = await trx
    .insertInto("credential_exposures")
    .values({
      api_key_id: row.id,
      account_id: row.account_id,
      source: input.source,
      location,
      found_at: foundAt,
      case_id: kase?.id ?? null,
      enforcement_id: enforcementId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
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
      caseNumber: kase?.number ?? null,
    },
  });
  // Nothing to tell: the key was dead before this sighting and nothing was restricted.
  if (input.source !== "ticket" && !enforce) {
    return {
      status,
      apiKeyId: row.id,
      accountId: row.account_id,
      keyPrefix,
      caseNumber: null,
      enforcementId: null,
      newExposure: true,
    };
  }
  const recipients = await trx
    .selectFrom("customer_users")
    .select("email")
    .where("account_id", "=", row.account_id)
    .where("role", "in", ["owner", "admin"])
    .execute();
  const keyRef = { name: row.name, prefix: keyPrefix };
  for (const r of recipients) {
    await enqueueMail(
      trx,
      kase
        ? credentialExposureMail(r.email, kase.number, keyRef, location, foundAt, deps.config.publicUrl)
        : pastedKeyRevokedMail(r.email, keyRef, location, deps.config.publicUrl),
    );
  }
  return {
    status,
    apiKeyId: row.id,
    accountId: row.account_id,
    keyPrefix,
    caseNumber: kase?.number ?? null,
    enforcementId,
    newExposure: true,
  };
}
