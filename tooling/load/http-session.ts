/**
 * One simulated browser: keeps its cookies, sends the CSRF header and its own client address, and
 * speaks tRPC's JSON wire format the way the SPAs do.
 */
export class HttpSession {
  readonly cookies: Map<string, string>;
  readonly baseUrl: string;
  readonly ip: string;
  /** The page's origin: the product's public address, whichever instance a request goes to. */
  readonly origin: string;
  constructor(baseUrl: string, ip: string, shared?: { cookies: Map<string, string>; origin: string }) {
    this.baseUrl = baseUrl;
    this.ip = ip;
    this.cookies = shared?.cookies ?? new Map();
    this.origin = shared?.origin ?? baseUrl;
  }

  /** The same browser (cookies, address, origin) talking to another API instance behind the balancer. */
  via(baseUrl: string): HttpSession {
    return new HttpSession(baseUrl, this.ip, { cookies: this.cookies, origin: this.origin });
  }

  /** Headers a raw request (autocannon) needs to act as this session. */
  headers(): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "x-csrf-token": this.cookies.get("td_csrf") ?? "",
      "x-forwarded-for": this.ip,
      "content-type": "application/json",
      origin: this.origin,
    };
  }

  async open(): Promise<void> {
    await this.send("GET", "/trpc/customer.auth.session");
  }

  async query<T>(path: string, input?: unknown): Promise<{ status: number; data?: T }> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send("GET", `/trpc/${path}${qs}`);
  }

  async mutate<T>(path: string, input?: unknown): Promise<{ status: number; data?: T }> {
    return this.send("POST", `/trpc/${path}`, input === undefined ? undefined : JSON.stringify(input));
  }

  private async send<T>(method: string, path: string, body?: string): Promise<{ status: number; data?: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: this.headers(), body });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const value = pair.slice(eq + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    const json = (await res.json().catch(() => ({}))) as { result?: { data: T } };
    return { status: res.status, data: json.result?.data };
  }
}
