import { parseFields, type SafeParser } from "@trustdesk/domain";
import type { ParseResult } from "@trustdesk/ui";

/**
 * Validates a form's values with the server's own schema from the domain. Field errors are keyed by
 * the domain's one rule (the dot-joined path, as the API's `fieldErrors`), so a message found here
 * and one from the server land beside the same field.
 */
export function parseWith<T>(schema: SafeParser<T>, values: unknown): ParseResult<T> {
  return parseFields(schema, values);
}
