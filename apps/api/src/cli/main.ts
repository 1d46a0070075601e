import { join } from "node:path";
import { parseArgs } from "node:util";
import { embeddedPostgresStatus, stopEmbeddedPostgres } from "@trustdesk/db/embedded";
import { CreateServiceTokenInput } from "@trustdesk/domain";
import { createServiceToken, listServiceTokens, revokeServiceToken, seedDemoData } from "@trustdesk/services";
import { ConfigError, loadConfig } from "../config.ts";
import { migrate, openDatabase } from "../database.ts";
import { createLogger } from "../logger.ts";
import { serviceDeps } from "../runtime.ts";
import { DORMANCY_SCAN_HELP, DormancyScanUsageError, dormancyScan } from "./dormancy-scan.ts";
import { EXPOSURE_SCAN_HELP, runExposureScan } from "./exposure-scan.ts";
import { RUN_JOB_HELP, runJobOnce } from "./run-job.ts";
import { runStaffInvite, STAFF_INVITE_HELP } from "./staff-invite.ts";
import { runWorker } from "./worker.ts";

const HELP = `Usage: pnpm trustdesk <command>

Commands:
  migrate        bring the database schema up to date
  seed           add the demo dataset (not in production; does nothing if already there)
  service-token:create --name NAME --scopes activity:write,compromise:write,exposure:write
                 create a token for an internal system (shown once, stored hashed)
  service-token:list
  service-token:revoke ID
${EXPOSURE_SCAN_HELP}
${STAFF_INVITE_HELP}
  worker         run the background jobs (mail, sign-up/reset requests, ticket alarms …) in this process
${RUN_JOB_HELP}
${DORMANCY_SCAN_HELP}
  db:status      is the embedded PostgreSQL of this checkout running?
  db:stop        stop the embedded PostgreSQL of this checkout
  help           this text

Configuration comes from the environment (see the README's table).`;

async function run(command: string | undefined, args: string[]): Promise<number> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? "warn");
  const pgDir = join(config.dataDir, "postgres");
  switch (command) {
    case "migrate":
    case "seed": {
      const { db } = await openDatabase(config, log, "trustdesk-cli");
      try {
        await migrate(db, log);
        if (command === "seed") {
          if (config.production) {
            console.error("Refusing to seed demo data in production.");
            return 1;
          }
          const r = await seedDemoData(serviceDeps(db, config));
          console.log(
            r.seeded
              ? `Seeded ${r.accounts} demo accounts and ${r.staff} staff.`
              : "Demo data is already there.",
          );
        } else {
          console.log("Database schema is up to date.");
        }
        return 0;
      } finally {
        await db.destroy();
      }
    }
    case "service-token:create":
    case "service-token:list":
    case "service-token:revoke": {
      const { db } = await openDatabase(config, log, "trustdesk-cli");
      try {
        await migrate(db, log);
        const deps = serviceDeps(db, config);
        const actor = `cli:${process.env.USER ?? "unknown"}`;
        if (command === "service-token:list") {
          for (const t of await listServiceTokens(deps)) {
            console.log(
              `${t.id}  ${t.token_prefix}…  ${t.name}  [${t.scopes.join(", ")}]${t.revoked_at ? "  REVOKED" : ""}`,
            );
          }
          return 0;
        }
        if (command === "service-token:revoke") {
          const id = args[0];
          if (!id) throw new UsageError("service-token:revoke needs the token's id (see service-token:list)");
          await revokeServiceToken(deps, actor, id);
          console.log("revoked");
          return 0;
        }
        const { values } = parseArgs({
          args,
          options: { name: { type: "string" }, scopes: { type: "string" } },
        });
        const input = CreateServiceTokenInput.safeParse({
          name: values.name,
          scopes: values.scopes?.split(",").map((s) => s.trim()),
        });
        if (!input.success)
          throw new UsageError(input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
        const created = await createServiceToken(deps, actor, input.data);
        console.log(
          `Service token "${created.name}" (${created.scopes.join(", ")}), id ${created.id}:\n\n  ${created.token}\n\nIt is shown only now; store it in the calling system's secret store.`,
        );
        return 0;
      } finally {
        await db.destroy();
      }
    }
    case "exposure-scan":
      return runExposureScan(config, log, args);
    case "staff:invite":
      return runStaffInvite(config, log, args);
    case "job:run":
      return runJobOnce(config, log, args);
    case "worker":
      return runWorker(config);
    case "dormancy-scan": {
      const { db } = await openDatabase(config, log, "trustdesk-dormancy-scan");
      try {
        await migrate(db, log);
        return await dormancyScan(serviceDeps(db, config), args);
      } catch (error) {
        throw error instanceof DormancyScanUsageError ? new UsageError(error.message) : error;
      } finally {
        await db.destroy();
      }
    }
    case "db:status": {
      const s = await embeddedPostgresStatus(pgDir);
      console.log(
        s.running
          ? `embedded PostgreSQL running (pid ${s.pid}, port ${s.port})`
          : "embedded PostgreSQL is not running",
      );
      return 0;
    }
    case "db:stop": {
      console.log(
        (await stopEmbeddedPostgres(pgDir))
          ? "embedded PostgreSQL stopped"
          : "embedded PostgreSQL was not running",
      );
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 64;
  }
}

class UsageError extends Error {}

run(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(
      error instanceof ConfigError || error instanceof UsageError
        ? error.message
        : `trustdesk: ${(error as Error).message}`,
    );
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
