import nodemailer from "nodemailer";

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Where outbox mail goes: real SMTP, or (development without SMTP) the log. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const url = new URL(smtpUrl);
  // Plain SMTP on loopback/dev servers; STARTTLS is used when the server offers it unless ?ignoreTLS.
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
    secure: url.protocol === "smtps:",
    ignoreTLS: url.searchParams.get("ignoreTLS") === "true",
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    pool: true,
    maxConnections: 2,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.id}@trustdesk>`,
      });
    },
    close: () => transporter.close(),
  };
}

/** What the log transport writes about one mail. */
export interface LoggedMail {
  id: string;
  to: string;
  subject: string;
  /** Only when the transport was made with `revealContent` (development): the body, links included. */
  text?: string;
}

/**
 * Development without SMTP: each mail goes to the log. A developer needs the reset or sign-up link,
 * so `revealContent: true` logs the body; otherwise (the default, and always in production, which
 * refuses to start without SMTP anyway) only the recipient and subject are logged — never the body,
 * whose single-use links would let anyone who reads the logs take over an account.
 */
export function logTransport(
  log: (line: string, mail: LoggedMail) => void,
  options: { revealContent?: boolean } = {},
): MailTransport {
  return {
    async send(mail) {
      const logged: LoggedMail = { id: mail.id, to: mail.to, subject: mail.subject };
      if (options.revealContent) logged.text = mail.text;
      log(`mail to ${mail.to}: ${mail.subject}`, logged);
    },
    close() {},
  };
}
