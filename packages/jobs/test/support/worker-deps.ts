import type { Db } from "@trustdesk/db";
import { defaultServiceConfig } from "@trustdesk/services";
import type { JobLog, WorkerDeps } from "../../src/index.ts";
import { logTransport, type MailTransport } from "../../src/index.ts";

/** Collects what the worker logs (warnings and errors are asserted on by some tests). */
export function memoryLog(): JobLog & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (_details: object, message: string) => {
    lines.push({ level, message });
  };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}

export function workerDeps(db: Db, mail: MailTransport = logTransport(() => {})): WorkerDeps {
  return {
    services: {
      db,
      now: () => new Date(),
      config: {
        ...defaultServiceConfig,
        secretKey: "jobs-test-secret-key-0123456789abcdef",
        publicUrl: "https://portal.example",
        fastPasswordHashing: true,
      },
    },
    mail,
    settings: { solvedTicketCloseDays: 7 },
    log: memoryLog(),
  };
}

/** Polls `check` until it returns true (or fails the test after `timeoutMs`). */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
