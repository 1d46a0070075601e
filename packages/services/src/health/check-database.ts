import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";

/** The readiness probe: one round trip to the database. Throws when it is not reachable. */
export async function checkDatabase(deps: Pick<ServiceDeps, "db">): Promise<void> {
  await sql`select 1`.execute(deps.db);
}
