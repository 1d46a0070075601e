/**
 * A test inbox for the browser tests: a real SMTP server the API delivers to (its outbox, over
 * nodemailer), and a loopback HTTP endpoint where a test reads what arrived. Started by the
 * Playwright config as a web server beside the API; run as `node test-inbox.ts` (Node strips types).
 *
 *   INBOX_SMTP_PORT  SMTP port (loopback)
 *   INBOX_HTTP_PORT  GET /messages?to=<address> → [{ to, subject, text, receivedAt }], newest last
 *
 * Recipients at `bounce.test` are refused (550, as a mailbox that does not exist): a test sees the
 * product's retries and its "Mail delivery" page with a real failure.
 */
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

interface Received {
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

const smtpPort = Number(process.env.INBOX_SMTP_PORT);
const httpPort = Number(process.env.INBOX_HTTP_PORT);
if (!smtpPort || !httpPort) throw new Error("set INBOX_SMTP_PORT and INBOX_HTTP_PORT");

const inbox: Received[] = [];
// A test run sends a few hundred mails at most; the bound keeps a runaway loop from eating memory.
const MAX_MESSAGES = 5000;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.toLowerCase().endsWith("@bounce.test")) {
      callback(Object.assign(new Error("no such mailbox here"), { responseCode: 550 }));
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          receivedAt: new Date().toISOString(),
        });
        if (inbox.length > MAX_MESSAGES) inbox.shift();
        callback();
      })
      .catch((error: Error) => callback(error));
  },
});
smtp.listen(smtpPort, "127.0.0.1");

const http = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  if (url.pathname !== "/messages") {
    res.writeHead(404).end();
    return;
  }
  const to = url.searchParams.get("to")?.toLowerCase();
  const found = to ? inbox.filter((m) => m.to.includes(to)) : inbox;
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
});
http.listen(httpPort, "127.0.0.1");

// Exit with the runner (the same rule as the API under test): no orphaned listeners.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
