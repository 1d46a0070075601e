import { SMTPServer } from "smtp-server";
import { freePort } from "./product.ts";

/**
 * The harness's own SMTP server on a free loopback port: the product's SMTP_URL points at it, and it
 * counts every mail it accepted by Message-ID (the outbox row's id: `<id@trustdesk>`), so a check can
 * say each outbox mail was delivered exactly once. It can be stopped and started on the same port.
 */
export interface SmtpSink {
  url: string;
  /** Deliveries by outbox id (the part of the Message-ID before `@`). */
  readonly received: Map<string, number>;
  /** Mails accepted, duplicates included. */
  total(): number;
  /** Deliveries of one id more than once. */
  duplicates(): string[];
  up(): Promise<void>;
  /** Stops listening and drops open connections (the product's pooled ones too). */
  down(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const received = new Map<string, number>();
  let server: SMTPServer | null = null;
  const up = () => {
    const s = new SMTPServer({
      secure: false,
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      // Down means down: open connections are cut after half a second, not after the default 30 s.
      closeTimeout: 500,
      onData(stream, _session, callback) {
        let head = "";
        stream.on("data", (chunk: Buffer) => {
          if (head.length < 16_384) head += chunk.toString("latin1");
        });
        stream.on("end", () => {
          const id = /^message-id:\s*<([^@>]+)@/im.exec(head)?.[1] ?? "(no message-id)";
          received.set(id, (received.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    server = s;
    return new Promise<void>((ok, ko) => {
      s.once("error", ko);
      s.listen(port, "127.0.0.1", () => ok());
    });
  };
  await up();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    total: () => [...received.values()].reduce((a, b) => a + b, 0),
    duplicates: () => [...received].filter(([, n]) => n > 1).map(([id]) => id),
    up,
    down: () =>
      new Promise<void>((ok) => {
        const s = server;
        server = null;
        if (!s) return ok();
        s.close(() => ok());
      }),
  };
}
