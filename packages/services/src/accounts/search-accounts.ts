import { sql } from "kysely";
import type { ServiceDeps } from "../deps.ts";

/** Staff search: by account id, account name, or a user's email (exact or prefix), newest first. */
export async function searchAccounts(deps: ServiceDeps, query: string) {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(q);
  const like = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return deps.db
    .selectFrom("accounts as a")
    .innerJoin("account_standing as s", "s.account_id", "a.id")
    .leftJoin("customer_users as u", (j) => j.onRef("u.account_id", "=", "a.id").on("u.role", "=", "owner"))
    .select(["a.id", "a.name", "a.plan", "a.created_at", "s.state", "u.email as owner_email"])
    .where((eb) =>
      isUuid
        ? eb("a.id", "=", q)
        : eb.or([
            eb(sql<string>`lower(a.name)`, "like", like),
            eb(
              "a.id",
              "in",
              eb.selectFrom("customer_users").select("account_id").where("email", "like", like),
            ),
          ]),
    )
    .orderBy("a.created_at", "desc")
    .limit(25)
    .execute();
}
