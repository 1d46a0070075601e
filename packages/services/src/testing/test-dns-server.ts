import type { AddressInfo } from "node:net";
import { createServer, Packet, type Resource } from "dns2";

/**
 * A real DNS server on loopback (dns2, UDP on 127.0.0.1, a free port) answering from zones the test
 * controls, so the vetting's `node:dns` path runs for real: no mock of our resolver.
 */
export interface TestDnsZone {
  /** MX exchanges; `"."` publishes a null MX (RFC 7505). */
  mx?: string[];
  a?: string[];
  /** Never answer (every query to this zone times out). */
  silent?: boolean;
  /** Answer SERVFAIL. */
  servfail?: boolean;
  /** Answer NXDOMAIN (the default for names in no zone when there is no fallback). */
  nxdomain?: boolean;
}

export interface TestDnsServer {
  /** For `config.dns.servers`. */
  servers: string[];
  /** Queries received, by name and type (e.g. `example.com MX`). */
  readonly queries: string[];
  /** Adds or replaces the zone of a name (and, with `*.` in front, of every name below it). */
  setZone(name: string, zone: TestDnsZone): void;
  close(): Promise<void>;
}

/**
 * Names that are not in a zone get NXDOMAIN, unless `fallback` is given: then every other name
 * answers with it (e.g. MX + A for everything, for tests that are not about DNS).
 */
export async function startTestDnsServer(
  zones: Record<string, TestDnsZone> = {},
  options: { fallback?: TestDnsZone } = {},
): Promise<TestDnsServer> {
  const table = new Map(Object.entries(zones).map(([name, zone]) => [name.toLowerCase(), zone]));
  const queries: string[] = [];

  const zoneFor = (name: string): TestDnsZone | undefined => {
    const lower = name.toLowerCase().replace(/\.$/, "");
    const exact = table.get(lower);
    if (exact) return exact;
    const labels = lower.split(".");
    for (let i = 1; i < labels.length; i++) {
      const wildcard = table.get(`*.${labels.slice(i).join(".")}`);
      if (wildcard) return wildcard;
    }
    return options.fallback;
  };

  const server = createServer({
    udp: true,
    handle: (request, send) => {
      const [question] = request.questions;
      if (!question) return;
      const type = Packet.TYPE_NAME[question.type] ?? String(question.type);
      queries.push(`${question.name} ${type}`);
      const zone = zoneFor(question.name);
      if (zone?.silent) return;
      const response = Packet.createResponseFromRequest(request);
      if (!zone || zone.nxdomain) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
      } else if (zone.servfail) {
        response.header.rcode = Packet.RCODE.SERVFAIL;
      } else if (question.type === Packet.TYPE.MX) {
        for (const [i, exchange] of (zone.mx ?? []).entries()) {
          response.answers.push({
            name: question.name,
            type: Packet.TYPE.MX,
            class: Packet.CLASS.IN,
            ttl: 60,
            priority: exchange === "." ? 0 : 10 * (i + 1),
            exchange: exchange === "." ? "" : exchange,
          } as Resource);
        }
      } else if (question.type === Packet.TYPE.A) {
        for (const address of zone.a ?? []) {
          response.answers.push({
            name: question.name,
            type: Packet.TYPE.A,
            class: Packet.CLASS.IN,
            ttl: 60,
            address,
          } as Resource);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  const udp = addresses.udp as AddressInfo;
  return {
    servers: [`127.0.0.1:${udp.port}`],
    queries,
    setZone: (name, zone) => {
      table.set(name.toLowerCase(), zone);
    },
    close: () => server.close(),
  };
}
