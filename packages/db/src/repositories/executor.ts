import type { Kysely, Transaction } from "kysely";
import type { Database } from "../schema.ts";

/** Repositories take either the pool or an open transaction; the service decides which. */
export type Executor = Kysely<Database> | Transaction<Database>;
