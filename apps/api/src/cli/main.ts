import { join } from "node:path";
import { embeddedPostgresStatus, stopEmbeddedPostgres } from "@trustdesk/db/embedded";
import { seedDemoData } from "@trustdesk/services";
import { ConfigError, loadConfig } from "../config.ts";
import { migrate, openDatabase } from "../database.ts";
import { createLogger } from "../logger.ts";
import { serviceDeps } from "../runtime.ts";

const HELP = `Usage: pnpm trustdesk <command>

Commands:
  migrate        bring the database schema up to date
  seed           add the demo dataset (not in production; does nothing if already there)
  db:status      is the embedded PostgreSQL of this checkout running?
  db:stop        stop the embedded PostgreSQL of this checkout
  help           this text

Configuration comes from the environment (see the README's table).`;

async function run(command: string | undefined): Promise<number> {
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

run(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `trustdesk: ${(error as Error).message}`);
    process.exit(1);
  },
);
