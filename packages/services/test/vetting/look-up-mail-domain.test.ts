import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertDnsServers, lookUpMailDomain } from "../../src/index.ts";
import { startTestDnsServer, type TestDnsServer } from "../../src/testing/index.ts";

let dns: TestDnsServer;
const blackHoles: dgram.Socket[] = [];

beforeAll(async () => {
  dns = await startTestDnsServer({
    "acme.test": { mx: ["mx1.acme.test", "mx2.acme.test"], a: ["192.0.2.1"] },
    "nullmx.test": { mx: ["."], a: ["192.0.2.2"] },
    "only-a.test": { a: ["192.0.2.3"] },
    "only-mx.test": { mx: ["mx.only-mx.test"] },
    "empty.test": {},
    "*.silent.test": { silent: true },
    "broken.test": { servfail: true },
  });
  // "Servers" that read queries and never answer. c-ares tries each in turn (three of them with a
  // 250 ms timeout took ~930 ms): twelve would take seconds, and the lookup's deadline cuts that to 250.
  for (let i = 0; i < 12; i++) {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    blackHoles.push(socket);
  }
});
afterAll(async () => {
  await dns?.close();
  for (const socket of blackHoles) socket.close();
});

// Answered look-ups get a generous timeout (loopback answers always arrive, even under load);
// timeout tests pass a short one. Upper bounds below prove "no hang", they are not speed targets.
const config = (timeoutMs = 5_000) => ({ servers: dns.servers, timeoutMs });

describe("lookUpMailDomain over a real DNS server on loopback", () => {
  it("answers ok with what the domain has", async () => {
    expect(await lookUpMailDomain("acme.test", config())).toEqual({
      status: "ok",
      hasMx: true,
      hasA: true,
      nullMx: false,
    });
    expect(await lookUpMailDomain("only-a.test", config())).toEqual({
      status: "ok",
      hasMx: false,
      hasA: true,
      nullMx: false,
    });
    expect(await lookUpMailDomain("only-mx.test", config())).toEqual({
      status: "ok",
      hasMx: true,
      hasA: false,
      nullMx: false,
    });
    expect(dns.queries).toEqual(expect.arrayContaining(["acme.test MX", "acme.test A"]));
  });

  it("treats NXDOMAIN, NODATA and a null MX as definite answers: ok, without the record", async () => {
    expect(await lookUpMailDomain("missing.test", config())).toEqual({
      status: "ok",
      hasMx: false,
      hasA: false,
      nullMx: false,
    });
    expect(await lookUpMailDomain("empty.test", config())).toEqual({
      status: "ok",
      hasMx: false,
      hasA: false,
      nullMx: false,
    });
    // A null MX with an A record: no MX, and the null MX is reported (the policy flags it: no A fallback).
    expect(await lookUpMailDomain("nullmx.test", config())).toEqual({
      status: "ok",
      hasMx: false,
      hasA: true,
      nullMx: true,
    });
  });

  it("reports a server failure as error, not as a missing record", async () => {
    expect(await lookUpMailDomain("broken.test", config())).toEqual({
      status: "error",
      hasMx: false,
      hasA: false,
    });
  });

  it("gives up on a silent zone after the timeout", async () => {
    const started = performance.now();
    expect(await lookUpMailDomain("www.silent.test", config(300))).toEqual({
      status: "timeout",
      hasMx: false,
      hasA: false,
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_500);
  });

  it("stays within the timeout however many silent servers are configured", async () => {
    const started = performance.now();
    const result = await lookUpMailDomain("acme.test", {
      servers: blackHoles.map((s) => `127.0.0.1:${(s.address() as AddressInfo).port}`),
      timeoutMs: 250,
    });
    expect(result.status).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it("stops at once when the caller aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = lookUpMailDomain("x.silent.test", config(5_000), controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await pending).status).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(await lookUpMailDomain("acme.test", config(), AbortSignal.abort())).toMatchObject({
      status: "timeout",
    });
  });

  it("refuses a malformed server list loudly (for the app's start-up check)", () => {
    expect(() => assertDnsServers(["not-an-ip"])).toThrow();
    expect(() => assertDnsServers(["127.0.0.1:5353", "[::1]:53", "192.0.2.53"])).not.toThrow();
    expect(() => assertDnsServers([])).not.toThrow();
  });
});
