import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { count, expectEqual, log, problems, recordFault, waitUntil } from "./harness.ts";
import type { HttpSession } from "./http-session.ts";
import type { Product } from "./product.ts";

const FILE_MB = 4;
const b64url = (bytes: number) => randomBytes(bytes).toString("base64url");

/** Code-like filler with near-misses of our key format (never a whole key). */
function filler(bytes: number, seed: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line =
      i % 50 === 7
        ? `  const sendgrid = "SG.${b64url(15)}"; // truncated, not a key ${seed}-${i}`
        : `  const value${i} = compute(${i}, "${seed}-${i}") + offset; // filler line of the exposure corpus`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

/**
 * Customers create API keys through the API (the secret is shown once); the keys are planted in a
 * corpus of tens of MB of code-like filler (plus key-shaped strings that are not ours) in a temp
 * directory; `trustdesk exposure-scan` reads it and is SIGKILLed once some keys were recorded, then
 * run again to the end. Afterwards, from the database: every planted key revoked exactly once, one
 * exposure per key, one exposure case and one active enforcement per account, one mail per exposure
 * (each account's owner is told of each key found, as `recordExposure` designs it).
 */
export async function killExposureScan(
  product: Product,
  db: pg.Pool,
  customers: HttpSession[],
  o: { megabytes: number; keys: number },
) {
  const name = "fault: exposure scan SIGKILLed";
  const started = performance.now();
  const keys: string[] = [];
  for (let i = 0; i < o.keys; i++) {
    const s = customers[i % customers.length] as HttpSession;
    const r = await s.mutate<{ key: string }>("customer.apiKeys.create", { name: `Exposure key ${i}` });
    if (r.status !== 200 || !r.data?.key) throw new Error(`API key ${i} was not created: ${r.status}`);
    keys.push(r.data.key);
  }
  const accounts = Math.min(o.keys, customers.length);
  const dir = mkdtempSync(join(tmpdir(), "trustdesk-exposure-"));
  try {
    // The keys spread evenly over the files, each once, deep inside its file.
    const files = Math.max(1, Math.ceil(o.megabytes / FILE_MB));
    for (let f = 0; f < files; f++) {
      const planted = keys.filter((_, k) => k % files === f);
      const parts: string[] = [];
      const piece = Math.floor((Math.min(FILE_MB, o.megabytes) * 1e6) / (planted.length + 1));
      for (const [k, key] of planted.entries()) {
        parts.push(filler(piece, f * 1000 + k));
        parts.push(`  const apiKey = "${key}";`);
        parts.push(`  const other = "SG.${b64url(16)}.${b64url(32)}";`); // our shape, not our key
      }
      parts.push(filler(piece, f * 1000 + 999));
      writeFileSync(join(dir, `module-${String(f).padStart(3, "0")}.ts`), parts.join("\n"));
    }
    const exposures = () =>
      count(db, "select count(*) n from credential_exposures where source = 'exposure_scan'");
    const before = await exposures();
    const first = product.spawnCli(["exposure-scan", dir]);
    // Killed once a quarter of the keys were recorded (each in its own transaction).
    const quarter = Math.ceil(keys.length / 4);
    const recording = await waitUntil(async () => (await exposures()) >= before + quarter, 120_000, 5);
    first.kill("SIGKILL");
    const exit = await first.exited;
    const atKill = (await exposures()) - before;
    log(`exposure scan SIGKILLed (${exit}) after ${atKill} of ${keys.length} keys were recorded`);
    if (!recording || atKill >= keys.length)
      problems.push(`${name}: the scan was not killed mid-way (${atKill} of ${keys.length} recorded)`);
    const second = product.spawnCli(["exposure-scan", dir]);
    const code = await second.exited;
    const summary = second.stdout();
    if (code !== 0) problems.push(`${name}: the rerun exited with ${code}: ${summary}`);
    const revocations = Number(/Revocations:\s+(\d+)/.exec(summary)?.[1] ?? -1);
    const newExposures = Number(/New exposures recorded:\s+(\d+)/.exec(summary)?.[1] ?? -1);

    const ids = keys.map((k) => k.slice(3, 25));
    const q = (sql: string) => count(db, sql.replaceAll("$ids", "(select unnest($1::text[]))"), [ids]);
    const revoked = await q(
      "select count(*) n from api_keys where key_id in $ids and revoked_at is not null",
    );
    const revokedAudits = await q(
      `select count(*) n from audit_events where action = 'api_key.revoked'
        and subject_id in (select id::text from api_keys where key_id in $ids)`,
    );
    const exposureRows = await q(
      "select count(*) n from credential_exposures x join api_keys k on k.id = x.api_key_id where k.key_id in $ids",
    );
    const keysTwice = await q(
      `select count(*) n from (select x.api_key_id from credential_exposures x join api_keys k on k.id = x.api_key_id
        where k.key_id in $ids group by 1 having count(*) > 1) d`,
    );
    const accountsOf = "(select account_id from api_keys where key_id in $ids)";
    const enforced = await q(
      `select count(*) n from enforcements where reason = 'exposed_credentials' and status = 'active' and account_id in ${accountsOf}`,
    );
    const cases = await q(
      `select count(*) n from cases where reason = 'exposed_credentials' and account_id in ${accountsOf}`,
    );
    const mails = await q(
      `select count(*) n from mail_outbox where template = 'credential_exposed'
        and to_address in (select email from customer_users where role in ('owner', 'admin') and account_id in ${accountsOf})`,
    );
    expectEqual(`${name}: planted keys revoked`, revoked, keys.length);
    expectEqual(`${name}: revocations audited (once per key)`, revokedAudits, keys.length);
    expectEqual(`${name}: exposures recorded`, exposureRows, keys.length);
    expectEqual(`${name}: keys with two exposures`, keysTwice, 0);
    expectEqual(
      `${name}: the rerun's revocations + those before the kill`,
      revocations + atKill,
      keys.length,
    );
    expectEqual(
      `${name}: the rerun's new exposures + those before the kill`,
      newExposures + atKill,
      keys.length,
    );
    expectEqual(`${name}: active exposure enforcements (one per account)`, enforced, accounts);
    expectEqual(`${name}: exposure cases (one per account)`, cases, accounts);
    expectEqual(`${name}: exposure mails (one per key found, to its account's owner)`, mails, keys.length);
    recordFault(
      name,
      started,
      `${o.megabytes} MB in ${files} files, ${keys.length} keys of ${accounts} accounts planted; killed after ${atKill} recorded, the rerun revoked ${revocations} more; ${revoked} revoked, ${exposureRows} exposures, ${enforced} enforcements and ${cases} cases for ${accounts} accounts, ${mails} mails`,
      keys.length,
      revoked,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
