import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { issueApiKey } from "@trustdesk/services";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partnerPublicKeys } from "../src/rest/secret-scanning-webhook.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
let dir: string;
let keysFile: string;
/** The partner's key document on loopback; counts how often we fetched it. */
let keyServer: Server;
let keyRequests = 0;
const logLines: string[] = [];
const signers = new Map<string, KeyObject>();
const published: Array<{ key_identifier: string; key: string; is_current: boolean }> = [];

function addSigner(id: string, publish: boolean) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  signers.set(id, privateKey);
  if (publish) {
    published.push({
      key_identifier: id,
      key: publicKey.export({ type: "spki", format: "pem" }) as string,
      is_current: true,
    });
    writeFileSync(keysFile, JSON.stringify({ public_keys: published }));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "secret-scanning-"));
  keysFile = join(dir, "keys.json");
  addSigner("k1", true);
  keyServer = createServer((_req, res) => {
    keyRequests += 1;
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ public_keys: published }));
  });
  await new Promise<void>((resolve) => keyServer.listen(0, "127.0.0.1", resolve));
  const keysUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/meta/public_keys/secret_scanning`;
  // Every log line the app writes, to grep for secrets afterwards.
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  server = await startTestServer({
    secretScanning: { url: keysUrl, minRefreshMs: 0 },
    logger,
  });
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => keyServer.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function account(name: string) {
  const acct = await server.deps.db
    .insertInto("accounts")
    .values({ name, website: null, country: null, signup_ip: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  const key = await issueApiKey(server.deps.db, {
    accountId: acct.id,
    name: "Production sender",
    createdByUserId: null,
  });
  return { accountId: acct.id, key };
}

const sigOf = (body: string, keyId = "k1") =>
  sign("sha256", Buffer.from(body), signers.get(keyId) as KeyObject).toString("base64");

function post(body: string, headers: Record<string, string>) {
  return fetch(`${server.url}/v1/secret-scanning/github`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}
const signed = (body: string, keyId = "k1") =>
  post(body, { "Github-Public-Key-Identifier": keyId, "Github-Public-Key-Signature": sigOf(body, keyId) });

const exposures = (accountId: string) =>
  server.deps.db
    .selectFrom("credential_exposures")
    .select(["source", "location"])
    .where("account_id", "=", accountId)
    .execute();

describe("POST /v1/secret-scanning/github", () => {
  it("verifies the signature, revokes and records a key of ours, labels each token; a replay records nothing new", async () => {
    const acct = await account("Leaked Co");
    const stranger = `SG.${"x".repeat(22)}.${"y".repeat(43)}`;
    const url = "https://github.com/octo/app/blob/abc123/config.js";
    const body = JSON.stringify([
      { token: acct.key.key, type: "sendgrid_api_key", url, source: "content" },
      { token: stranger, type: "sendgrid_api_key", url: "https://gist.github.com/x", source: "gist" },
    ]);
    const res = await signed(body);
    expect(res.status).toBe(200);
    const labels = (await res.json()) as Array<{ token_hash: string; label: string }>;
    expect(labels.map((l) => l.label)).toEqual(["true_positive", "false_positive"]);
    expect(labels[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await exposures(acct.accountId)).toEqual([{ source: "partner_webhook", location: url }]);
    const key = await server.deps.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("id", "=", acct.key.id)
      .executeTakeFirstOrThrow();
    expect(key.revoked_at).not.toBeNull();

    const replay = await signed(body);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as Array<{ label: string }>).map((l) => l.label)).toEqual([
      "true_positive",
      "false_positive",
    ]);
    expect(await exposures(acct.accountId)).toHaveLength(1);
    // Neither token reached a log line, nor the secret part of ours.
    const logs = logLines.join("");
    expect(logs).toContain("secret-scanning report worked");
    expect(logs).not.toContain(acct.key.key.slice(26));
    expect(logs).not.toContain(stranger);
  });

  it("refuses an altered body under a reused signature (401) and records nothing", async () => {
    const acct = await account("Tampered Co");
    const original = JSON.stringify([
      { token: "SG.nothing", type: "sendgrid_api_key", url: "https://x.test/a", source: "content" },
    ]);
    const altered = JSON.stringify([
      { token: acct.key.key, type: "sendgrid_api_key", url: "https://x.test/a", source: "content" },
    ]);
    const res = await post(altered, {
      "Github-Public-Key-Identifier": "k1",
      "Github-Public-Key-Signature": sigOf(original),
    });
    expect(res.status).toBe(401);
    expect(await exposures(acct.accountId)).toEqual([]);
    const key = await server.deps.db
      .selectFrom("api_keys")
      .select("revoked_at")
      .where("id", "=", acct.key.id)
      .executeTakeFirstOrThrow();
    expect(key.revoked_at).toBeNull();
    // Garbage in the signature header is a 401 too, not a 500.
    expect(
      (
        await post(altered, {
          "Github-Public-Key-Identifier": "k1",
          "Github-Public-Key-Signature": "not-base64!",
        })
      ).status,
    ).toBe(401);
    expect((await post(altered, {})).status).toBe(401);
  });

  it("refreshes the published keys once for an unknown identifier: a rotated-in key works, an unpublished one is 401", async () => {
    const acct = await account("Rotated Co");
    const body = JSON.stringify([
      { token: acct.key.key, type: "sendgrid_api_key", url: "https://x.test/rotated", source: "content" },
    ]);
    addSigner("k2", true); // the partner rotates: k2 now published, our cache still knows only k1
    const before = keyRequests;
    expect((await signed(body, "k2")).status).toBe(200);
    expect(keyRequests).toBe(before + 1);

    const acct2 = await account("Forged Co");
    const forgedBody = JSON.stringify([
      { token: acct2.key.key, type: "sendgrid_api_key", url: "https://x.test/f", source: "content" },
    ]);
    addSigner("k3", false); // never published
    const forged = await signed(forgedBody, "k3");
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain("not among");
    expect(keyRequests).toBe(before + 2); // exactly one refresh for that request
    expect(await exposures(acct2.accountId)).toEqual([]);
  });

  it("bounds the body (413) and refuses malformed reports (400) after the signature", async () => {
    const big = JSON.stringify([{ token: "x", type: "t", url: "u".repeat(1024 * 1024 + 10) }]);
    expect((await signed(big)).status).toBe(413);
    const notArray = JSON.stringify({ token: "x" });
    expect((await signed(notArray)).status).toBe(400);
    expect((await signed("{not json")).status).toBe(400);
  });
});

describe("the partner's keys from a configured file", () => {
  it("verifies with a key read from the file, and refuses another signer", async () => {
    const keys = partnerPublicKeys({ url: "http://127.0.0.1:9/unused", file: keysFile });
    const body = Buffer.from("[]");
    expect(await keys.check("k1", sigOf("[]"), body)).toBe("valid");
    expect(await keys.check("k2", sigOf("[]", "k1"), body)).toBe("invalid_signature");
    expect(await keys.check("nobody", sigOf("[]"), body)).toBe("unknown_key");
  });
});
