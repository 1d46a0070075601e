import { Resolver } from "node:dns/promises";
import type { DnsCheck } from "@trustdesk/domain";
import type { DnsConfig } from "../deps.ts";

/** Definite "this name has no such record" answers: NXDOMAIN (`ENOTFOUND`) and NOERROR/NODATA. */
const NO_RECORD = new Set(["ENOTFOUND", "ENODATA"]);

type QueryOutcome =
  | { kind: "records"; count: number; nullMx: boolean }
  | { kind: "none"; nullMx: boolean }
  | { kind: "timeout" | "error" };

/** An answer: the real records, and (for MX) whether a null MX (exchange "" or ".") was among them. */
interface RecordAnswer {
  count: number;
  nullMx: boolean;
}

/**
 * Can the email domain receive mail? Asks for its MX and A records at once, through `node:dns`
 * with the configured servers, and never takes longer than `timeoutMs`: c-ares gets the timeout
 * with a single try, and our own deadline (plus the caller's `signal`, if any) cancels whatever is
 * still outstanding — c-ares would otherwise try every configured server in turn.
 *
 * - Both queries answered (records, NXDOMAIN or no data) → `ok`. A null MX (`MX 0 .`, RFC 7505:
 *   "this domain accepts no mail") counts as no MX and sets `nullMx`: the policy flags it even when
 *   the domain has an A record, because a null MX forbids the implicit-MX fallback to A.
 * - Any query timed out or the deadline passed → `timeout`; any other failure (SERVFAIL, REFUSED,
 *   network down) → `error`. Neither says anything about the domain, so neither may count as
 *   "no record": the policy turns them into `dns_unavailable` (→ review).
 *
 * AAAA is not asked: the policy's rule is "no MX or A", and a mail domain with only AAAA records
 * and no MX is vanishingly rare.
 */
export async function lookUpMailDomain(
  domain: string,
  config: DnsConfig,
  signal?: AbortSignal,
): Promise<DnsCheck> {
  const timedOut: DnsCheck = { status: "timeout", hasMx: false, hasA: false };
  const deadline = AbortSignal.timeout(Math.max(1, config.timeoutMs));
  const stop = signal ? AbortSignal.any([deadline, signal]) : deadline;
  if (stop.aborted) return timedOut;

  // One resolver per lookup, so that cancel() ends this lookup's queries and nobody else's.
  const resolver = new Resolver({ timeout: Math.max(1, config.timeoutMs), tries: 1 });
  if (config.servers.length > 0) resolver.setServers(config.servers);

  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<"abandoned">((resolve) => {
    onAbort = () => resolve("abandoned");
    stop.addEventListener("abort", onAbort, { once: true });
  });
  const queries = Promise.all([
    outcomeOf(
      resolver.resolveMx(domain).then((mx): RecordAnswer => {
        const real = mx.filter((r) => r.exchange !== "" && r.exchange !== ".").length;
        return { count: real, nullMx: real < mx.length };
      }),
    ),
    outcomeOf(resolver.resolve4(domain).then((a): RecordAnswer => ({ count: a.length, nullMx: false }))),
  ]);
  try {
    const settled = await Promise.race([queries, abandoned]);
    if (settled === "abandoned") return timedOut;
    const [mx, a] = settled;
    if (mx.kind === "timeout" || a.kind === "timeout") return timedOut;
    if (mx.kind === "error" || a.kind === "error") return { status: "error", hasMx: false, hasA: false };
    return {
      status: "ok",
      hasMx: mx.kind === "records",
      hasA: a.kind === "records",
      // RFC 7505 says a null MX is the only MX record; one beside real exchanges is a broken
      // zone that still receives mail, so only a domain with no real MX counts as refusing mail.
      nullMx: mx.kind === "none" && mx.nullMx,
    };
  } finally {
    if (onAbort) stop.removeEventListener("abort", onAbort);
    // Outstanding queries reject with ECANCELLED; outcomeOf has already caught them.
    resolver.cancel();
  }
}

async function outcomeOf(query: Promise<RecordAnswer>): Promise<QueryOutcome> {
  try {
    const { count, nullMx } = await query;
    return count > 0 ? { kind: "records", count, nullMx } : { kind: "none", nullMx };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (NO_RECORD.has(code)) return { kind: "none", nullMx: false };
    return { kind: code === "ETIMEOUT" ? "timeout" : "error" };
  }
}

/**
 * Throws (ERR_INVALID_IP_ADDRESS) unless every entry is an `ip` or `ip:port` that `node:dns`
 * accepts: for the app to check `DNS_SERVERS` at start-up rather than on the first sign-up.
 */
export function assertDnsServers(servers: string[]): void {
  if (servers.length > 0) new Resolver().setServers(servers);
}
