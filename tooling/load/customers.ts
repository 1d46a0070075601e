import type pg from "pg";
import { HttpSession } from "./http-session.ts";

/**
 * Signs up `n` customers through the emailed link, each with its own client address; customer `i`
 * is `<tag>-<i>@<tag>-<i>.test` and talks to `urlFor(i)` (one API instance, or one of several).
 */
export async function signUpCustomers(
  urlFor: (i: number) => string,
  db: pg.Pool,
  n: number,
  tag: string,
): Promise<HttpSession[]> {
  const sessions: HttpSession[] = new Array(n);
  const origin = urlFor(0);
  const one = async (i: number) => {
    const s = new HttpSession(origin, `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`).via(urlFor(i));
    await s.open();
    const email = `${tag}-${i}@${tag}-${i}.test`;
    await s.mutate("customer.auth.signUp", {
      email,
      password: "a-long-enough-load-password",
      name: `${tag} customer ${i}`,
      accountName: `${tag} account ${i}`,
    });
    // The link goes out by mail; the outbox keeps the body, so read it there (as a mailbox would).
    let token: string | undefined;
    for (let tries = 0; !token && tries < 300; tries++) {
      const mail = await db.query<{ text_body: string }>(
        "select text_body from mail_outbox where to_address = $1 and template = 'sign_up_confirm'",
        [email],
      );
      token = /token=([A-Za-z0-9_-]{43})/.exec(mail.rows[0]?.text_body ?? "")?.[1];
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    const confirmed = await s.mutate("customer.auth.confirmSignUp", { token });
    if (confirmed.status !== 200) throw new Error(`sign-up of ${email} failed: ${confirmed.status}`);
    sessions[i] = s; // by index: <tag>-<i> is customers[i] in every phase
  };
  for (let i = 0; i < n; i += 8)
    await Promise.all(Array.from({ length: Math.min(8, n - i) }, (_, k) => one(i + k)));
  return sessions;
}
