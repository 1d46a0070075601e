import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevInbox, smtpTransport, startDevInbox } from "../src/index.ts";

let dir: string;
let inbox: DevInbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dev-inbox-"));
  inbox = await startDevInbox({ dir, smtpPort: 0, webPort: 0 });
});
afterAll(async () => {
  await inbox.stop();
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, host?: string): Promise<{ status: number; body: string; csp: string }> {
  const url = new URL(path, inbox.webUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body, csp: String(res.headers["content-security-policy"]) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the dev inbox", () => {
  it("receives mail over SMTP on loopback and shows it on a web page with clickable links", async () => {
    expect(inbox.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const transport = smtpTransport(inbox.smtpUrl, "Trustdesk <no-reply@trustdesk.test>");
    try {
      await transport.send({
        id: "00000000-0000-4000-8000-000000000009",
        to: "ada@example.com",
        subject: "Reset your password <now>",
        text: "Open https://portal.example/reset?token=abc&x=1 within 30 minutes.",
      });
    } finally {
      transport.close();
    }
    const list = await get("/");
    expect(list.status).toBe(200);
    expect(list.body).toContain("ada@example.com");
    expect(list.body).toContain("Reset your password &#60;now&#62;"); // escaped, never raw HTML
    expect(list.csp).toContain("default-src 'none'");
    const id = /href="\/m\/([0-9a-f-]+)"/.exec(list.body)?.[1];
    expect(id).toBeTruthy();
    const message = await get(`/m/${id}`);
    expect(message.body).toContain(
      '<a href="https://portal.example/reset?token=abc&#38;x=1">https://portal.example/reset?token=abc&#38;x=1</a>',
    );
    const json = JSON.parse((await get("/api/messages?to=ada@example.com")).body) as Array<{
      subject: string;
    }>;
    expect(json.map((m) => m.subject)).toEqual(["Reset your password <now>"]);
  });

  it("refuses a request under a foreign host name (DNS rebinding)", async () => {
    expect((await get("/", "evil.example")).status).toBe(403);
  });
});
