import type { Executor } from "@trustdesk/db";
import {
  apiKeyDisplayPrefix,
  ENFORCEMENT_REASON_LABELS,
  type EnforcementReason,
  isUuid,
} from "@trustdesk/domain";
import { sql } from "kysely";

/**
 * Names for any ids the log refers to — people, keys, tickets, cases, accounts, enforcements — in
 * one query (a union of primary-key look-ups), so a page of events or a before/after never shows
 * a raw id: "Ada Lovelace (lead)", "Ticket #1042", "“Production” (SG.abc123)", "Case TD-2026-001000".
 * Ids of nothing (deleted rows, ids of other systems) are simply absent from the map.
 */
export async function nameRecords(db: Executor, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter(isUuid).map((id) => id.toLowerCase()))];
  const names = new Map<string, string>();
  if (list.length === 0) return names;
  const rows = await sql<{ id: string; kind: string; a: string | null; b: string | null; c: string | null }>`
    with ids as (select unnest(${list}::uuid[]) as id)
    select s.id::text, 'staff' as kind, s.name as a, s.role as b, null as c
      from staff_users s join ids on ids.id = s.id
    union all
    select u.id::text, 'customer', u.name, u.role, ac.name
      from customer_users u join ids on ids.id = u.id join accounts ac on ac.id = u.account_id
    union all
    select a.id::text, 'account', a.name, null, null from accounts a join ids on ids.id = a.id
    union all
    select t.id::text, 'ticket', t.number::text, t.subject, null from tickets t join ids on ids.id = t.id
    union all
    select c.id::text, 'case', c.number, null, null from cases c join ids on ids.id = c.id
    union all
    select k.id::text, 'api_key', k.name, k.key_id, null from api_keys k join ids on ids.id = k.id
    union all
    select e.id::text, 'enforcement', e.reason, ac.name, null
      from enforcements e join ids on ids.id = e.id join accounts ac on ac.id = e.account_id
    union all
    select x.id::text, 'credential_exposure', k.name, k.key_id, null
      from credential_exposures x join ids on ids.id = x.id join api_keys k on k.id = x.api_key_id
    union all
    select st.id::text, 'service_token', st.name, null, null from service_tokens st join ids on ids.id = st.id
    union all
    select i.id::text, 'account_invitation', i.email, null, null from account_invitations i join ids on ids.id = i.id
    union all
    select v.id::text, 'vetting_decision', v.outcome, null, null from vetting_decisions v join ids on ids.id = v.id
    union all
    select r.id::text, 'compromise_report', r.report_id, null, null from compromise_reports r join ids on ids.id = r.id
    union all
    select se.id::text, 'session', coalesce(su.name, cu.name), se.realm, null
      from sessions se join ids on ids.id = se.id
      left join staff_users su on su.id = se.staff_user_id
      left join customer_users cu on cu.id = se.customer_user_id
  `.execute(db);
  for (const r of rows.rows) names.set(r.id, label(r));
  return names;
}

function label(r: { kind: string; a: string | null; b: string | null; c: string | null }): string {
  switch (r.kind) {
    case "staff":
      return `${r.a} (${(r.b ?? "staff").replaceAll("_", " ")})`;
    case "customer":
      return `${r.a} (${r.b ?? "user"} of ${r.c})`;
    case "account":
      return `${r.a}`;
    case "ticket":
      return `Ticket #${r.a}`;
    case "case":
      return `Case ${r.a}`;
    case "api_key":
    case "credential_exposure":
      return `${r.kind === "credential_exposure" ? "Exposure of " : ""}“${r.a}” (${apiKeyDisplayPrefix(r.b ?? "")})`;
    case "enforcement":
      return `${ENFORCEMENT_REASON_LABELS[r.a as EnforcementReason] ?? r.a} enforcement on ${r.b}`;
    case "service_token":
      return `Service token “${r.a}”`;
    case "account_invitation":
      return `Invitation for ${r.a}`;
    case "vetting_decision":
      return `Vetting decision (${r.a})`;
    case "compromise_report":
      return `Compromise report ${r.a}`;
    case "session":
      return r.a ? `A session of ${r.a}` : "A session";
    default:
      return "A record";
  }
}

/** What a subject is when its row is gone: "A ticket", "An API key"… */
export function subjectKindLabel(subjectType: string): string {
  const words = subjectType.replaceAll("_", " ").replace(/\bapi\b/, "API");
  return `${/^[aeiou]/i.test(words) ? "An" : "A"} ${words}`;
}
