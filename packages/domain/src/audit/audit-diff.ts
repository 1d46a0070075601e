/**
 * An audit event's before/after as a readable list of changes: one row per field that differs,
 * nested objects flattened to "evidence → keys", ids replaced by the names the service resolved
 * (`names`: id → "Ada Lovelace (lead)", "Ticket #1042", "“Production” (SG.abc123…)").
 */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_DEPTH = 3;
const MAX_VALUE = 300;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Every UUID in a JSON value (keys and values), for the service to resolve to names in one query. */
export function uuidsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") {
    for (const m of value.matchAll(UUID_ANYWHERE)) into.add(m[0].toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) uuidsIn(v, into);
  } else if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) uuidsIn(v, into);
  }
  return into;
}

/** "liftRequestedAt" / "lift_requested_at" → "Lift requested at". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .replace(/\bid\b/gi, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

/** A value in words: names for ids (an unresolved id is never printed), dates in UTC. */
export function auditValueText(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (ISO.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    }
    const text = value.replace(
      UUID_ANYWHERE,
      (id) => names.get(id.toLowerCase()) ?? "a record no longer on file",
    );
    return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? "none" : value.map((v) => auditValueText(v, names)).join(", ");
  }
  return JSON.stringify(value).length > MAX_VALUE ? "(details)" : describeObject(value, names);
}

function describeObject(value: object, names: ReadonlyMap<string, string>): string {
  return Object.entries(value)
    .map(([k, v]) => `${fieldLabel(k)}: ${auditValueText(v, names)}`)
    .join("; ");
}

function flatten(value: unknown, prefix: string[], depth: number, out: Map<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && depth < MAX_DEPTH) {
    for (const [k, v] of Object.entries(value)) flatten(v, [...prefix, k], depth + 1, out);
    return;
  }
  out.set(prefix.map(fieldLabel).join(" → ") || "Value", value);
}

/**
 * The fields that differ between before and after (a field only in one of them is added or removed).
 * An event with only `after` (a creation) lists every field it recorded; only `before`, every field
 * it had.
 */
export function auditChanges(
  before: unknown,
  after: unknown,
  names: ReadonlyMap<string, string> = new Map(),
): AuditChange[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, [], 0, b);
  if (after !== null && after !== undefined) flatten(after, [], 0, a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const bv = b.get(field);
    const av = a.get(field);
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    changes.push({
      field,
      before: b.has(field) ? auditValueText(bv, names) : null,
      after: a.has(field) ? auditValueText(av, names) : null,
    });
  }
  return changes;
}
