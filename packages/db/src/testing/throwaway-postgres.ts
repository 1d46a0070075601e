import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { EmbeddedPostgresError, ensureEmbeddedPostgres, stopEmbeddedPostgres } from "../embedded/index.ts";
import { makeScratchDir } from "./scratch-dirs.ts";

export interface ThrowawayPostgres {
  connectionString: string;
  port: number;
  pid: number;
  dir: string;
  /** Stops the cluster and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A throwaway embedded PostgreSQL for one run (the test harness, benchmarks): tmpfs scratch dir with
 * an owner file (so a later run reaps it if this process is SIGKILLed), a free loopback port,
 * durability off, and a last-resort exit handler that kills the postmaster and removes the dir if
 * `stop` never runs.
 */
export async function startThrowawayPostgres(options: {
  database: string;
  label?: string;
}): Promise<ThrowawayPostgres> {
  const dir = await makeScratchDir(options.label ?? "");
  const dataDir = path.join(dir, "data");
  let pid: number | undefined;
  let stopped = false;
  // 'exit' handlers must be synchronous: signal the postmaster (SIGQUIT = immediate shutdown).
  const onExit = () => {
    if (stopped) return;
    if (pid !== undefined) {
      try {
        process.kill(pid, "SIGQUIT");
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", onExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", onExit);
    try {
      await stopEmbeddedPostgres(dataDir, { mode: "immediate", timeoutSeconds: 30 });
    } catch (error) {
      if (pid !== undefined) {
        try {
          process.kill(pid, "SIGQUIT");
        } catch {}
      }
      console.error("[@trustdesk/db] could not stop the throwaway cluster cleanly:", error);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const server = await ensureEmbeddedPostgres({
          dataDir,
          port: await freePort(),
          database: options.database,
          ephemeral: true,
        });
        pid = server.pid;
        return { connectionString: server.connectionString, port: server.port, pid: server.pid, dir, stop };
      } catch (error) {
        // Another run may grab the same free port between our probe and the server's bind.
        if (!(error instanceof EmbeddedPostgresError && error.code === "PORT_IN_USE" && attempt < 5))
          throw error;
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
