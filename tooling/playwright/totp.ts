import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "otplib";

const STEP_SECONDS = 30;

/**
 * The last step used per secret, kept in the run's data directory (shared by the runner and its
 * workers, and surviving a worker restarted after a failure) rather than in this process's memory.
 */
function stepsFile(): string | null {
  const dir = process.env.TRUSTDESK_E2E_DATA_DIR;
  return dir ? join(dir, "totp-steps.json") : null;
}

function readSteps(): Record<string, number> {
  const file = stepsFile();
  if (!file) return memory;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

function writeSteps(steps: Record<string, number>): void {
  const file = stepsFile();
  if (file) writeFileSync(file, JSON.stringify(steps));
  else memory = steps;
}

let memory: Record<string, number> = {};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TOTP code for the demo secret. The API refuses a code whose 30-second step was already used
 * (replay protection) and accepts one step of clock drift, so a second sign-in within the same step
 * uses the next step's code, and a third waits until that next step is at most one ahead.
 */
export async function totpCode(secret: string): Promise<string> {
  const steps = readSteps();
  const previous = steps[secret];
  let step = Math.floor(Date.now() / 1000 / STEP_SECONDS);
  if (previous !== undefined && step <= previous) {
    step = previous + 1;
    const waitMs = (step - 1) * STEP_SECONDS * 1000 - Date.now() + 500;
    if (waitMs > 0) await sleep(waitMs);
  }
  writeSteps({ ...readSteps(), [secret]: step });
  return generate({ secret, epoch: step * STEP_SECONDS });
}
