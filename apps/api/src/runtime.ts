import type { Db } from "@trustdesk/db";
import { defaultServiceConfig, type ServiceDeps, seedDemoData } from "@trustdesk/services";
import type { AppConfig } from "./config.ts";
import { migrate, openDatabase } from "./database.ts";
import type { Logger } from "./logger.ts";

export function serviceDeps(db: Db, config: AppConfig): ServiceDeps {
  return {
    db,
    now: () => new Date(),
    config: {
      ...defaultServiceConfig,
      secretKey: config.secretKey,
      publicUrl: config.publicUrl,
      hotlineNumber: config.hotlineNumber,
      vettingEnabled: config.vettingEnabled,
      dns: config.dns,
      dormancy: config.dormancy,
    },
  };
}

/** Open the database, bring the schema up to date and (outside production) seed the demo data. */
export async function prepareDatabase(config: AppConfig, log: Logger, applicationName: string) {
  const { db, connectionString, embedded, startedEmbedded } = await openDatabase(
    config,
    log,
    applicationName,
  );
  try {
    await migrate(db, log);
    const deps = serviceDeps(db, config);
    if (config.seedDemo) {
      const seeded = await seedDemoData(deps);
      if (seeded.seeded) log.info(seeded, "demo data seeded (see README for the demo sign-ins)");
    }
    return { db, deps, connectionString, embedded, startedEmbedded };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
