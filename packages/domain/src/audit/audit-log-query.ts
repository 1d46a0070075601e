import { z } from "zod";
import type { ActorType } from "./actor-type.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A day as the filters take it (YYYY-MM-DD, a real calendar day), read as a UTC day. "2026-02-30"
 * and "yesterday" are refused with a message saying what to type.
 */
export const FilterDay = z
  .string()
  .trim()
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Enter a date as YYYY-MM-DD, e.g. 2026-03-01");

/**
 * Whose actions: one person ("staff:<id>", "customer:<id>"), one service ("service:<name>"), or a
 * kind of actor ("staff", "customer", "service", "system").
 */
export const AuditActorFilter = z
  .string()
  .trim()
  .max(200)
  .transform((s, ctx): { type: ActorType; id: string | null } => {
    const [type, ...rest] = s.split(":");
    const id = rest.join(":");
    if (type === "system" && !id) return { type: "system", id: null };
    if (type === "staff" || type === "customer") {
      if (!id) return { type, id: null };
      if (UUID.test(id)) return { type, id: id.toLowerCase() };
    }
    if (type === "service") return { type: "service", id: id || null };
    ctx.addIssue({ code: "custom", message: "Choose an actor from the list" });
    return z.NEVER;
  });
export type AuditActorFilter = z.output<typeof AuditActorFilter>;

/** "<occurred_at with microseconds>_<id>": where the last page ended (newest first). */
export const AuditCursor = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z_\d{1,19}$/,
    "This page link is no longer valid: start from the first page",
  )
  .transform((s) => {
    const [at, id] = s.split("_") as [string, string];
    return { at, id };
  });

export const AuditLogQuery = z
  .object({
    actor: AuditActorFilter.optional(),
    accountId: z.uuid("Unknown account").optional(),
    /** An action code: catalogued ones are offered, but any well-formed code filters (older events). */
    action: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "Choose an action from the list")
      .max(100)
      .optional(),
    from: FilterDay.optional(),
    to: FilterDay.optional(),
    cursor: AuditCursor.optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ["to"],
    message: "The end date is before the start date",
  });
export type AuditLogQuery = z.input<typeof AuditLogQuery>;
export type ParsedAuditLogQuery = z.output<typeof AuditLogQuery>;
