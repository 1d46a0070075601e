/** The API sets a readable `td_csrf` cookie; every request echoes it in `x-csrf-token` (double submit). */
export const CSRF_COOKIE = "td_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [rawKey, ...rest] = part.split("=");
    if (rawKey?.trim() === name) {
      try {
        return decodeURIComponent(rest.join("=").trim());
      } catch {
        return rest.join("=").trim();
      }
    }
  }
  return null;
}

/** Read at request time, never cached: the API rotates the token when a session starts or ends. */
export function csrfHeaders(): Record<string, string> {
  const token = readCookie(CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}
