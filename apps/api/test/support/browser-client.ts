/**
 * A cookie-keeping HTTP client that speaks tRPC's plain JSON wire format the way the SPAs do,
 * including the CSRF header (which a test can leave out to play the attacker).
 */
export interface TrpcReply<T = unknown> {
  status: number;
  data?: T;
  error?: {
    message: string;
    data: {
      code: string;
      httpStatus: number;
      requestId: string | null;
      domainCode: string | null;
      fieldErrors: Record<string, string> | null;
      retryAfterSeconds: number | null;
    };
  };
  headers: Headers;
}

let nextAddress = 1;

export class BrowserClient {
  readonly cookies = new Map<string, string>();
  /** The client's own IP address (TEST-NET-2), sent as X-Forwarded-For to a proxy-trusting server. */
  readonly ip: string;
  readonly baseUrl: string;
  constructor(baseUrl: string, ip?: string) {
    this.baseUrl = baseUrl;
    this.ip = ip ?? `198.51.100.${nextAddress++ % 250}`;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** GET / to receive the CSRF cookie, as a browser loading the SPA would. */
  async open(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/trpc/customer.auth.session`, {
      headers: { cookie: this.cookieHeader(), "x-forwarded-for": this.ip },
    });
    this.remember(res.headers);
  }

  async raw(path: string, init: RequestInit & { csrf?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("cookie", this.cookieHeader());
    headers.set("x-forwarded-for", this.ip);
    if (init.csrf !== false && this.cookies.has("td_csrf"))
      headers.set("x-csrf-token", this.cookies.get("td_csrf") as string);
    const res = await fetch(`${this.baseUrl}${path}`, { ...init, headers });
    this.remember(res.headers);
    return res;
  }

  async query<T = unknown>(procedure: string, input?: unknown): Promise<TrpcReply<T>> {
    const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.reply<T>(await this.raw(`/trpc/${procedure}${qs}`));
  }

  async mutate<T = unknown>(
    procedure: string,
    input?: unknown,
    options: { csrf?: boolean } = {},
  ): Promise<TrpcReply<T>> {
    const res = await this.raw(`/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: input === undefined ? undefined : JSON.stringify(input),
      csrf: options.csrf ?? true,
    });
    return this.reply<T>(res);
  }

  private async reply<T>(res: Response): Promise<TrpcReply<T>> {
    const body = (await res.json()) as { result?: { data: T }; error?: TrpcReply["error"] };
    return { status: res.status, data: body.result?.data, error: body.error, headers: res.headers };
  }
}
