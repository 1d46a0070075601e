import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CONFIG_ENV_VARS, REPO_ROOT } from "../src/config.ts";

/**
 * `pnpm dev` runs the API through Turborepo in strict environment mode, where a task sees only the
 * variables turbo.json lets through: without them `DATABASE_URL=… pnpm dev` would silently use the
 * embedded database. These tests keep turbo.json in step with the configuration schema.
 */
const run = promisify(execFile);
const turboJson = JSON.parse(readFileSync(join(REPO_ROOT, "turbo.json"), "utf8")) as {
  tasks: Record<string, { passThroughEnv?: string[] }>;
};
const UNLISTED = "TRUSTDESK_NOT_CONFIGURATION";

/** Runs turbo from the repository root with the given variables added to the environment. */
async function turbo(args: string[], vars: Record<string, string>): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars };
  // This file may itself run inside a turbo task; the inner run must not inherit that run's state.
  for (const key of Object.keys(env)) if (key.startsWith("TURBO_")) delete env[key];
  const { stdout } = await run(join(REPO_ROOT, "node_modules/.bin/turbo"), args, {
    cwd: REPO_ROOT,
    env,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** A distinct value per variable, so a value arriving under the wrong name would show. */
const probeValues = Object.fromEntries(CONFIG_ENV_VARS.map((name, i) => [name, `probe-${i}-${name}`]));
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

describe("the API's configuration under Turborepo's strict environment mode", () => {
  it("reads the variables the README documents", () => {
    expect(CONFIG_ENV_VARS).toEqual(
      expect.arrayContaining([
        "DATABASE_URL",
        "PORT",
        "EMBEDDED_PG_PORT",
        "SMTP_URL",
        "TRUSTDESK_SECRET_KEY",
      ]),
    );
  });

  it("lets every variable the configuration reads through to the dev task", () => {
    const passed = turboJson.tasks.dev?.passThroughEnv ?? [];
    expect(CONFIG_ENV_VARS.filter((name) => !passed.includes(name))).toEqual([]);
    // The probe below stands for the dev task, so it must let exactly the same variables through.
    expect(turboJson.tasks["@trustdesk/api#env-probe"]?.passThroughEnv?.toSorted()).toEqual(
      passed.toSorted(),
    );
  });

  it("resolves the dev task with each configuration variable passed through and nothing else", async () => {
    const dry = JSON.parse(
      await turbo(["run", "dev", "--filter=@trustdesk/api", "--env-mode=strict", "--dry=json"], {
        ...probeValues,
        [UNLISTED]: "must not arrive",
      }),
    ) as {
      tasks: Array<{ taskId: string; envMode: string; environmentVariables: { passthrough: string[] } }>;
    };
    const dev = dry.tasks.find((t) => t.taskId === "@trustdesk/api#dev");
    expect(dev?.envMode).toBe("strict");
    // Turbo lists each variable it lets through with the SHA-256 of the value the task will get.
    expect(dev?.environmentVariables.passthrough.toSorted()).toEqual(
      CONFIG_ENV_VARS.map((name) => `${name}=${sha256(probeValues[name] as string)}`).toSorted(),
    );
  });

  it("delivers EMBEDDED_PG_PORT and DATABASE_URL to a task run in strict mode, and withholds the rest", async () => {
    const stdout = await turbo(
      [
        "run",
        "env-probe",
        "--filter=@trustdesk/api",
        "--env-mode=strict",
        "--ui=stream",
        "--output-logs=full",
        "--",
        "EMBEDDED_PG_PORT",
        "DATABASE_URL",
        "PORT",
        UNLISTED,
      ],
      {
        EMBEDDED_PG_PORT: "54777",
        DATABASE_URL: "postgres://probe@127.0.0.1:1/probe",
        PORT: "3999",
        [UNLISTED]: "must not arrive",
      },
    );
    const line = /ENV_PROBE (\{.*\})/.exec(stdout)?.[1];
    expect(line, stdout).toBeDefined();
    expect(JSON.parse(line as string)).toEqual({
      EMBEDDED_PG_PORT: "54777",
      DATABASE_URL: "postgres://probe@127.0.0.1:1/probe",
      PORT: "3999",
      [UNLISTED]: null,
    });
  });
});
