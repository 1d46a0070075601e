import { execFileSync } from "node:child_process";

/** The ports of one browser-test run: the API, its embedded PostgreSQL, and the test inbox (SMTP + HTTP). */
export interface E2ePorts {
  api: number;
  pg: number;
  smtp: number;
  inbox: number;
}

const ENV = "TRUSTDESK_E2E_PORTS";

/**
 * The run's ports, chosen once by the runner and handed to its workers (which load the config again)
 * through the environment. `TRUSTDESK_E2E_BASE_PORT=N` takes N…N+3 instead, for a developer who wants
 * fixed addresses; otherwise the kernel picks four free loopback ports, so a run never fails because
 * something else (another checkout, a developer's cluster) listens on a fixed one.
 */
export function e2ePorts(): E2ePorts {
  const chosen = process.env[ENV];
  if (chosen) return JSON.parse(chosen) as E2ePorts;
  const base = Number(process.env.TRUSTDESK_E2E_BASE_PORT);
  const [api, pg, smtp, inbox] =
    Number.isInteger(base) && base > 0 ? [0, 1, 2, 3].map((i) => base + i) : freePorts(4);
  const ports = { api, pg, smtp, inbox } as E2ePorts;
  process.env[ENV] = JSON.stringify(ports);
  return ports;
}

/**
 * Playwright loads its config synchronously, so a short child process binds `count` sockets to port 0
 * at once (distinct ports), reports them and closes them. The window between closing and the servers
 * binding is a few hundred milliseconds on loopback; the kernel hands out ephemeral ports in sequence,
 * so a just-released one is not soon reused.
 */
function freePorts(count: number): number[] {
  const script = `
    const net = require("node:net");
    Promise.all(Array.from({ length: ${count} }, () => new Promise((ok, ko) => {
      const s = net.createServer(); s.once("error", ko);
      s.listen(0, "127.0.0.1", () => ok(s));
    }))).then((servers) => {
      process.stdout.write(JSON.stringify(servers.map((s) => s.address().port)));
      for (const s of servers) s.close();
    });`;
  const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 10_000 });
  return JSON.parse(out) as number[];
}

/** The run's test inbox (its HTTP side). */
export function inboxUrl(): string {
  return `http://127.0.0.1:${e2ePorts().inbox}`;
}
