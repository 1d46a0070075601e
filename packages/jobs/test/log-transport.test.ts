import { describe, expect, it } from "vitest";
import { type LoggedMail, logTransport } from "../src/mail/mail-transport.ts";

const mail = {
  id: "00000000-0000-4000-8000-000000000001",
  to: "owner@example.com",
  subject: "Reset your password",
  text: "Open https://portal.example/reset-password?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
};

describe("the log transport (no SMTP)", () => {
  it("never logs a mail's body or links unless asked to reveal content", async () => {
    const lines: Array<[string, LoggedMail]> = [];
    await logTransport((line, logged) => void lines.push([line, logged])).send(mail);
    expect(lines).toEqual([
      ["mail to owner@example.com: Reset your password", { id: mail.id, to: mail.to, subject: mail.subject }],
    ]);
    expect(JSON.stringify(lines)).not.toContain("token=");
  });

  it("logs the whole mail in development, where a developer needs the link", async () => {
    const lines: LoggedMail[] = [];
    await logTransport((_line, logged) => void lines.push(logged), { revealContent: true }).send(mail);
    expect(lines[0]?.text).toBe(mail.text);
  });
});
