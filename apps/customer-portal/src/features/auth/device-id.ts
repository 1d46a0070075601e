const KEY = "trustdesk.device-id";

/**
 * This browser's device id: a random UUID kept in localStorage, sent with the sign-up form so the
 * vetting can notice one browser opening many accounts in a day (`velocity_device_24h`). It
 * identifies nothing about the person and is hashed on the server. Clearing storage (or a private
 * window) makes a new one, which only means the rule does not fire; where storage is blocked,
 * nothing is sent.
 */
export function deviceId(): string | undefined {
  try {
    const existing = window.localStorage.getItem(KEY);
    if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
    const id = crypto.randomUUID();
    window.localStorage.setItem(KEY, id);
    return id;
  } catch {
    return undefined;
  }
}
