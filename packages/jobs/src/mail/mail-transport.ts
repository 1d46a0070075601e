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

export function logTransport(log: (line: string, mail: OutgoingMail) => void): MailTransport {
  return {
    async send(mail) {
      log(`mail to ${mail.to}: ${mail.subject}`, mail);
    },
    close() {},
  };
}
