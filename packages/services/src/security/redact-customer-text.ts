import { redactApiKeys } from "@trustdesk/domain";

export interface RedactedCustomerText<T> {
  /** The same shape with every string redacted: the only version that may be stored or sent on. */
  value: T;
  /** The distinct secrets found (full key strings), to revoke. Never store or log them. */
  found: string[];
}

/**
 * The one redaction step every text a customer sends passes before anything is stored: a ticket's
 * subject, body and every field of its category form — and, when they come, replies and text
 * attachments. It walks the whole input (strings, arrays, plain objects, their keys too), so a
 * field added to a form later is covered without anyone remembering to list it. Each API key is
 * replaced by `SG.<key id>.[redacted]` (recognisable, never usable).
 *
 * Pure: the caller decides what to do with what was found (for our own tickets: revoke the keys
 * and tell the customer, see `openTicket`).
 */
export function redactCustomerText<T>(input: T): RedactedCustomerText<T> {
  const found = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const r = redactApiKeys(v);
      for (const key of r.found) found.add(key);
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object" || v instanceof Date) {
      // Numbers, booleans, null, undefined, dates: nothing a key can hide in.
      return v;
    }
    if (!isPlainObject(v)) {
      // A Map, a Buffer, a class instance: refuse rather than let a secret through unseen.
      throw new TypeError("redactCustomerText walks only strings, arrays and plain objects");
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
  };
  const value = walk(input) as T;
  return { value, found: [...found] };
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
