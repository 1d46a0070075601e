import type { AuditEvent } from "../../lib/trpc.ts";

/**
 * An event's before/after as the service worded it: one line per changed field, "before → after"
 * (ids already replaced by names). Nothing when the event recorded no change.
 */
export function AuditChanges({ changes }: { changes: AuditEvent["changes"] }) {
  if (changes.length === 0) return null;
  return (
    <dl className="audit-changes">
      {changes.map((c) => (
        <div key={c.field} className="audit-changes__row">
          <dt>{c.field}</dt>
          <dd>
            {c.before !== null ? (
              <>
                <del className="audit-changes__before">
                  <span className="td-visually-hidden">was </span>
                  {c.before}
                </del>
                <span aria-hidden="true"> → </span>
              </>
            ) : null}
            {c.after !== null ? (
              <ins className="audit-changes__after">
                <span className="td-visually-hidden">{c.before !== null ? "now " : "set to "}</span>
                {c.after}
              </ins>
            ) : (
              <span className="td-text-muted">removed</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
