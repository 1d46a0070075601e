import { parseArgs } from "node:util";
import { DomainError, InviteStaffMemberInput } from "@trustdesk/domain";
import { inviteStaffMember } from "@trustdesk/services";
import type { AppConfig } from "../config.ts";
import { migrate, openDatabase } from "../database.ts";
import type { Logger } from "../logger.ts";
import { serviceDeps } from "../runtime.ts";

export const STAFF_INVITE_HELP = `  staff:invite --email EMAIL --role agent|lead|admin|fraud_analyst|security_analyst [--name NAME]
                 invite a colleague (the first admin of a new install too); prints the link`;

/**
 * `pnpm trustdesk staff:invite`: the way in for the first admin of a production install, which has
 * no staff at all. Whoever runs it holds the database already, so no admin is asked for; the
 * invitation is the same as the dashboard's (single use, expiring, mailed through the outbox and
 * audited as made from the command line), and the link is printed too, for when mail is not set up
 * yet. Returns the process's exit code.
 */
export async function runStaffInvite(config: AppConfig, log: Logger, args: string[]): Promise<number> {
  let values: { email?: string; role?: string; name?: string };
  try {
    values = parseArgs({
      args,
      options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage:\n${STAFF_INVITE_HELP}`);
    return 64;
  }
  const input = InviteStaffMemberInput.safeParse(values);
  if (!input.success) {
    const problems = input.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n");
    console.error(`${problems}\n\nUsage:\n${STAFF_INVITE_HELP}`);
    return 64;
  }
  const { db } = await openDatabase(config, log, "trustdesk-cli");
  try {
    await migrate(db, log);
    const sent = await inviteStaffMember(
      serviceDeps(db, config),
      null,
      { requestId: `cli:${process.env.USER ?? "unknown"}`, ip: null, userAgent: "trustdesk-cli" },
      input.data,
    );
    console.log(
      `Invited ${sent.email} as ${sent.role}. The link is on its way by mail too (sent by the running API) and works once, until ${sent.expiresAt.toISOString()}:\n\n  ${sent.link}\n\nOpen it to choose a password, then set up two-step verification.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}
