import type { ExposureReportInput, ExposureReportResult } from "@trustdesk/domain";
import type { RequestMeta, ServiceDeps } from "../deps.ts";
import { recordExposureIn } from "../enforcement/record-exposure.ts";
import type { ServicePrincipal } from "./service-tokens.ts";

/**
 * An internal scanner reports a key it found (`POST /v1/exposures`): through `recordExposure`
 * (match by key id, confirm by the secret's hash, revoke, enforce, case, mail), idempotent on the
 * scanner's finding id. The report row is inserted first, in the same transaction: a concurrent
 * retry with the same id waits on the unique constraint until the first commits, then answers what
 * the first recorded. The key itself is never stored — an unknown key-shaped string leaves only
 * the fact that this finding id was answered `unknown_key`.
 */
export async function reportExposure(
  deps: ServiceDeps,
  principal: ServicePrincipal,
  meta: RequestMeta | null,
  input: ExposureReportInput,
): Promise<ExposureReportResult> {
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("exposure_reports")
      .values({
        reporter_service_token_id: principal.tokenId,
        finding_id: input.findingId,
        status: "unknown_key",
        api_key_id: null,
        case_id: null,
      })
      .onConflict((oc) => oc.constraint("exposure_reports_finding_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      const earlier = await trx
        .selectFrom("exposure_reports as r")
        .leftJoin("api_keys as k", "k.id", "r.api_key_id")
        .leftJoin("cases as c", "c.id", "r.case_id")
        .select(["r.status", "k.key_id", "c.number"])
        .where("r.reporter_service_token_id", "=", principal.tokenId)
        .where("r.finding_id", "=", input.findingId)
        .executeTakeFirstOrThrow();
      return {
        findingId: input.findingId,
        status: earlier.status,
        keyPrefix: earlier.key_id ? `SG.${earlier.key_id}` : null,
        caseNumber: earlier.number,
        created: false,
      };
    }
    const verdict = await recordExposureIn(trx, deps, { type: "service", name: principal.name }, meta, {
      candidate: input.key,
      source: "exposure_scan",
      location: input.location,
      foundAt: input.foundAt ? new Date(input.foundAt) : deps.now(),
    });
    if (verdict.status !== "revoked" && verdict.status !== "already_revoked") {
      return {
        findingId: input.findingId,
        status: "unknown_key",
        keyPrefix: null,
        caseNumber: null,
        created: true,
      };
    }
    const kase = verdict.caseNumber
      ? await trx.selectFrom("cases").select("id").where("number", "=", verdict.caseNumber).executeTakeFirst()
      : undefined;
    await trx
      .updateTable("exposure_reports")
      .set({ status: verdict.status, api_key_id: verdict.apiKeyId, case_id: kase?.id ?? null })
      .where("id", "=", inserted.id)
      .execute();
    return {
      findingId: input.findingId,
      status: verdict.status,
      keyPrefix: verdict.keyPrefix,
      caseNumber: verdict.caseNumber,
      created: true,
    };
  });
}
