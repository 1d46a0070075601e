import { waitForMail } from "@trustdesk/playwright-config/support";

/**
 * The mailbox of the e2e run: the API delivers over SMTP to the test inbox beside it. Waits for the
 * newest mail to an address carrying a link to `path` and returns that link's path (with its token,
 * when it has one), for `page.goto`.
 */
export async function linkMailedTo(baseURL: string, email: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s]+?${path}(?:\\?token=[A-Za-z0-9_-]{43})?(?=\\s|$)`);
  const mail = await waitForMail(baseURL, email, (m) => pattern.test(m.text));
  const url = new URL(pattern.exec(mail.text)?.[0] as string);
  return `${url.pathname}${url.search}`;
}
