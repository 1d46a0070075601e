import type { Kysely } from "kysely";
import { type Migration, type MigrationResultSet, Migrator } from "kysely/migration";
import * as foundation from "./migrations/0001-foundation.ts";
import * as integrations from "./migrations/0002-integrations.ts";
import * as defaultVettingPolicy from "./migrations/0003-default-vetting-policy.ts";
import * as enforcementLifts from "./migrations/0004-enforcement-lifts.ts";
import * as takeoverRecovery from "./migrations/0005-takeover-recovery.ts";
import * as enforcementIntegrity from "./migrations/0006-enforcement-integrity.ts";
import * as privateSignUpAndReset from "./migrations/0007-private-sign-up-and-reset.ts";
import * as accountUsers from "./migrations/0008-account-users.ts";
import * as ticketConversation from "./migrations/0010-ticket-conversation.ts";
import * as ticketQueueAndSearch from "./migrations/0011-ticket-queue-and-search.ts";
import * as staffAdministration from "./migrations/0012-staff-administration.ts";
import * as vettingPolicyVersions from "./migrations/0013-vetting-policy-versions.ts";
import * as casesAndAuditLog from "./migrations/0014-cases-and-audit-log.ts";
import * as mailDeliveryProblems from "./migrations/0015-mail-delivery-problems.ts";
import * as dormancyWarnings from "./migrations/0016-dormancy-warnings.ts";
import * as exposureReports from "./migrations/0017-exposure-reports.ts";
import * as teamMetrics from "./migrations/0018-team-metrics.ts";
import * as activityTokenReference from "./migrations/0019-activity-token-reference.ts";

/**
 * Migrations are imported, not read from a folder, so the same list runs from source (dev, tests)
 * and from dist (production) with no file-system lookup. Append new ones; never edit a landed one.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-integrations": integrations,
  "0003-default-vetting-policy": defaultVettingPolicy,
  "0004-enforcement-lifts": enforcementLifts,
  "0005-takeover-recovery": takeoverRecovery,
  "0006-enforcement-integrity": enforcementIntegrity,
  "0007-private-sign-up-and-reset": privateSignUpAndReset,
  "0008-account-users": accountUsers,
  "0010-ticket-conversation": ticketConversation,
  "0011-ticket-queue-and-search": ticketQueueAndSearch,
  "0012-staff-administration": staffAdministration,
  "0013-vetting-policy-versions": vettingPolicyVersions,
  "0014-cases-and-audit-log": casesAndAuditLog,
  "0015-mail-delivery-problems": mailDeliveryProblems,
  "0016-dormancy-warnings": dormancyWarnings,
  "0017-exposure-reports": exposureReports,
  "0018-team-metrics": teamMetrics,
  "0019-activity-token-reference": activityTokenReference,
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationError(
      `migration ${failed} failed: ${(result.error as Error).message ?? result.error}`,
      {
        cause: result.error,
      },
    );
  }
  return result;
}
