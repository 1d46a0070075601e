import { createDb } from "../../../../packages/db/src/create-db.ts";
import { E2E_PG_PORT } from "../../playwright.config.ts";

/**
 * The mailbox of the e2e run: the API runs without SMTP, so mails stay in the outbox table of its
 * embedded PostgreSQL (trust authentication on loopback). Waits for the newest mail of a template
 * to an address — the API's background pass writes it about a second after the form answered — and
 * returns the path (with its token, when it has one) of the link in it, for `page.goto`.
 */
export async function linkMailedTo(email: string, template: string, path: string): Promise<string> {
  const db = createDb({
    connectionString: `postgres://postgres@127.0.0.1:${E2E_PG_PORT}/trustdesk`,
    maxConnections: 1,
    applicationName: "e2e-mailbox",
  });
  try {
    const pattern = new RegExp(`https?://[^\\s]+?${path}(?:\\?token=[A-Za-z0-9_-]{43})?(?=\\s|$)`);
    for (let attempt = 0; attempt < 60; attempt++) {
      const mail = await db
        .selectFrom("mail_outbox")
        .select("text_body")
        .where("to_address", "=", email)
        .where("template", "=", template)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      const link = mail ? pattern.exec(mail.text_body)?.[0] : undefined;
      if (link) {
        const url = new URL(link);
        return `${url.pathname}${url.search}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`no "${template}" mail with a ${path} link reached ${email} within 30 s`);
  } finally {
    await db.destroy();
  }
}
