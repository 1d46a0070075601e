import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Outside production a random key is made once per data directory and kept there, so sessions and
 * enrolled TOTP secrets survive restarts without anyone having to invent a secret.
 *
 * Several processes of one checkout (API, CLI, workers) may start for the first time at once, so the
 * file is created atomically: each writes its candidate to a private temporary file and link()s it
 * to the final name, which either succeeds whole or fails with EEXIST. The loser reads the winner's
 * key; nobody ever sees a half-written file, and every process ends up with the same key.
 */
export function localSecretKey(dataDir: string): string {
  const file = join(dataDir, "secret-key");
  const existing = readKey(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  const temp = join(dataDir, `.secret-key.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  writeFileSync(temp, `${key}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = readKey(file);
    if (!winner) throw new Error(`${file} exists but holds no key: delete it and start again`);
    return winner;
  } finally {
    unlinkSync(temp);
  }
}

function readKey(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
