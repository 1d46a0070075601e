import { parseScanSource, type ScanProgress, type ScanSummary, scanSources } from "@trustdesk/jobs";
import type { AppConfig } from "../config.ts";
import { migrate, openDatabase } from "../database.ts";
import type { Logger } from "../logger.ts";
import { serviceDeps } from "../runtime.ts";

export const EXPOSURE_SCAN_HELP = `  exposure-scan <sources...>
                 find our API keys in files, directories (recursively), git repositories (every
                 object of the history; git:PATH forces it, dir:PATH reads only the files),
                 http(s) URLs, or stdin (-); keys we issued are revoked and recorded`;

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function progressLine(p: ScanProgress): string {
  const rate = p.elapsedMs > 0 ? p.bytes / 1e3 / p.elapsedMs : 0;
  return `\r${mb(p.bytes)} MB  ${rate.toFixed(0)} MB/s  ${p.keyShaped} key-shaped  ${p.matched} issued  ${p.source.slice(-40)}\u001b[K`;
}

export function formatScanSummary(s: ScanSummary): string {
  const lines = [
    `Scanned ${mb(s.bytes)} MB in ${s.seconds.toFixed(2)} s (${s.megabytesPerSecond.toFixed(0)} MB/s), ${s.documents} documents.`,
    `Key-shaped strings found: ${s.keyShaped}`,
    `Matched issued keys:      ${s.matchedKeys}`,
    `Revocations:              ${s.revocations}`,
    `New exposures recorded:   ${s.newExposures}`,
  ];
  for (const f of s.failures) lines.push(`Could not scan ${f.source}: ${f.message}`);
  return lines.join("\n");
}

/** `pnpm trustdesk exposure-scan <sources...>`: exit 0 when every source was read, 1 otherwise. */
export async function runExposureScan(config: AppConfig, log: Logger, args: string[]): Promise<number> {
  if (args.length === 0) {
    console.error(`exposure-scan needs at least one source (a path, a URL or -).\n\n${EXPOSURE_SCAN_HELP}`);
    return 64;
  }
  const sources = args.map(parseScanSource);
  const { db } = await openDatabase(config, log, "trustdesk-exposure-scan");
  try {
    await migrate(db, log);
    const tty = process.stderr.isTTY === true;
    const summary = await scanSources(serviceDeps(db, config), sources, {
      stdin: process.stdin,
      ...(tty ? { onProgress: (p: ScanProgress) => process.stderr.write(progressLine(p)) } : {}),
    });
    if (tty) process.stderr.write("\n");
    console.log(formatScanSummary(summary));
    return summary.failures.length === 0 ? 0 : 1;
  } finally {
    await db.destroy();
  }
}
