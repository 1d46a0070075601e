import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, unlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * The development inbox: an SMTP server and a small web page listing what it received, both on
 * loopback only. The API's worker delivers to it over real SMTP (the same path as production), so a
 * newcomer opens the reset link, the recovery code and every notification in a browser.
 *
 * Why not maildev: 266 packages and ~175 MB of memory for a helper; this is smtp-server + mailparser,
 * which the test suites already use. Mails are kept as .eml files (the newest `keep`), so they
 * survive a restart of `pnpm dev`.
 */
export interface DevInboxOptions {
  /** Where the .eml files go (e.g. `.data/dev-inbox`). */
  dir: string;
  /** 0 = any free port. A port in use falls back to a free one (another checkout may hold it). */
  smtpPort: number;
  webPort: number;
  keep?: number;
}

export interface DevInbox {
  /** For the mail transport: `smtp://127.0.0.1:<port>?ignoreTLS=true`. */
  smtpUrl: string;
  /** The page to open. */
  webUrl: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const ID = /^[0-9]{13}-[0-9a-f]{8}$/;

async function listenWithFallback(listen: (port: number) => Promise<number>, port: number): Promise<number> {
  try {
    return await listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw error;
    return listen(0);
  }
}

export async function startDevInbox(options: DevInboxOptions): Promise<DevInbox> {
  const keep = options.keep ?? 500;
  await mkdir(options.dir, { recursive: true });

  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", callback);
      stream.on("end", () => {
        const id = `${Date.now()}-${randomBytes(4).toString("hex")}`;
        writeFile(join(options.dir, `${id}.eml`), Buffer.concat(chunks))
          .then(() => prune(options.dir, keep))
          .then(() => callback(), callback);
      });
    },
  });
  const smtpPort = await listenWithFallback(
    (port) =>
      new Promise<number>((resolve, reject) => {
        smtp.server.once("error", reject);
        smtp.listen(port, HOST, () => {
          smtp.server.off("error", reject);
          resolve((smtp.server.address() as AddressInfo).port);
        });
      }),
    options.smtpPort,
  );

  const web: Server = createServer((req, res) => {
    handle(options.dir, req.url ?? "/", req.headers.host ?? "").then(
      ({ status, type, body }) => {
        res.writeHead(status, {
          "content-type": type,
          // No scripts at all; inline styles only. A mail cannot run anything in this page.
          "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
          "cache-control": "no-store",
        });
        res.end(body);
      },
      () => {
        res.writeHead(500, { "content-type": "text/plain" }).end("could not read the inbox");
      },
    );
  });
  const webPort = await listenWithFallback(
    (port) =>
      new Promise<number>((resolve, reject) => {
        web.once("error", reject);
        web.listen(port, HOST, () => {
          web.off("error", reject);
          resolve((web.address() as AddressInfo).port);
        });
      }),
    options.webPort,
  );

  return {
    smtpUrl: `smtp://${HOST}:${smtpPort}?ignoreTLS=true`,
    webUrl: `http://${HOST}:${webPort}/`,
    async stop() {
      await Promise.all([
        new Promise<void>((r) => smtp.close(() => r())),
        new Promise<void>((r) => {
          web.close(() => r());
          web.closeAllConnections();
        }),
      ]);
    },
  };
}

async function ids(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => f.endsWith(".eml"))
    .map((f) => f.slice(0, -4))
    .filter((id) => ID.test(id))
    .sort()
    .reverse();
}

async function prune(dir: string, keep: number): Promise<void> {
  for (const id of (await ids(dir)).slice(keep)) await unlink(join(dir, `${id}.eml`)).catch(() => {});
}

interface Page {
  status: number;
  type: string;
  body: string | Buffer;
}

async function handle(dir: string, rawUrl: string, host: string): Promise<Page> {
  // Loopback only, and only under a loopback name: a web page elsewhere cannot reach it through
  // DNS rebinding (a foreign Host header is refused).
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return text(403, "loopback only");
  const url = new URL(rawUrl, "http://127.0.0.1");
  if (url.pathname === "/") return html(200, await listPage(dir));
  if (url.pathname === "/api/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const all = await Promise.all((await ids(dir)).slice(0, 100).map((id) => summary(dir, id)));
    const found = to ? all.filter((m) => m.to.toLowerCase().includes(to)) : all;
    return { status: 200, type: "application/json", body: JSON.stringify(found) };
  }
  const match = /^\/m\/([0-9a-f-]+)(\.eml)?$/.exec(url.pathname);
  if (match?.[1] && ID.test(match[1])) {
    const raw = await readFile(join(dir, `${match[1]}.eml`)).catch(() => null);
    if (!raw)
      return html(404, layout("Not found", `<p>That mail is gone (the inbox keeps the newest ones).</p>`));
    if (match[2]) return { status: 200, type: "text/plain; charset=utf-8", body: raw };
    return html(200, await messagePage(match[1], raw));
  }
  return text(404, "not found");
}

const text = (status: number, body: string): Page => ({ status, type: "text/plain; charset=utf-8", body });
const html = (status: number, body: string): Page => ({ status, type: "text/html; charset=utf-8", body });

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes the text, then makes http(s) links clickable (the reset and sign-up links). */
function linkify(s: string): string {
  return escapeHtml(s).replace(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (u) => `<a href="${u}">${u}</a>`);
}

async function summary(dir: string, id: string) {
  const mail = await simpleParser(await readFile(join(dir, `${id}.eml`)));
  const to = mail.to ? (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : mail.to.text) : "";
  return {
    id,
    to,
    subject: mail.subject ?? "(no subject)",
    receivedAt: new Date(Number(id.split("-")[0])).toISOString(),
  };
}

async function listPage(dir: string): Promise<string> {
  const all = await Promise.all((await ids(dir)).slice(0, 200).map((id) => summary(dir, id)));
  const rows = all
    .map(
      (m) =>
        `<tr><td><time>${escapeHtml(m.receivedAt.replace("T", " ").slice(0, 19))}</time></td><td>${escapeHtml(m.to)}</td><td><a href="/m/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join("");
  const body = all.length
    ? `<table><thead><tr><th scope="col">Received (UTC)</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>No mail yet. Sign up, reset a password or open a ticket, then reload this page.</p>`;
  return layout(
    "Dev inbox",
    `<h1>Dev inbox</h1><p class="muted">Every mail Trustdesk sends in development, newest first. Reload to see new ones.</p>${body}`,
  );
}

async function messagePage(id: string, raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw);
  const to = mail.to ? (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : mail.to.text) : "";
  return layout(
    mail.subject ?? "Mail",
    `<p><a href="/">← All mail</a></p><h1>${escapeHtml(mail.subject ?? "(no subject)")}</h1>
<dl><dt>From</dt><dd>${escapeHtml(mail.from?.text ?? "")}</dd><dt>To</dt><dd>${escapeHtml(to)}</dd><dt>Date</dt><dd>${escapeHtml(mail.date?.toUTCString() ?? "")}</dd></dl>
<pre>${linkify(mail.text ?? "")}</pre><p><a href="/m/${id}.eml">Raw message (.eml)</a></p>`,
  );
}

function layout(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Trustdesk dev inbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1f24}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d0d7de;vertical-align:top}th{background:#f6f8fa}time{white-space:nowrap;color:#57606a}pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:1rem;border-radius:6px;font:14px/1.5 ui-monospace,monospace}a{color:#0550ae}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}.muted{color:#57606a}</style></head><body><main>${main}</main></body></html>`;
}
