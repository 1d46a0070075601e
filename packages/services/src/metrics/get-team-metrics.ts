import type { ServiceDeps } from "../deps.ts";
import { getEnforcementMetrics } from "./get-enforcement-metrics.ts";
import { getTicketMetrics } from "./get-ticket-metrics.ts";
import { getVettingMetrics } from "./get-vetting-metrics.ts";
import { metricsWindow } from "./metrics-window.ts";

/**
 * The metrics page in one answer: every number aggregated in PostgreSQL, per UTC day of the range
 * (from and to included; cut at today). A range the domain refuses (from after to, a year outside
 * 2000–2100, more than 366 days) is a VALIDATION error naming the field.
 */
export async function getTeamMetrics(deps: ServiceDeps, input: { from: string; to: string }) {
  const w = metricsWindow(input, deps.now());
  // One snapshot for every chart, so the numbers agree with each other (backlog = the day before
  // + opened - resolved) even while agents work; read-only, so it holds no lock anyone waits on.
  const [tickets, enforcements, vetting] = await deps.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const inTrx = { ...deps, db: trx };
      return Promise.all([
        getTicketMetrics(inTrx, w),
        getEnforcementMetrics(inTrx, w),
        getVettingMetrics(inTrx, w),
      ]);
    });
  return {
    range: { from: w.firstDay, to: w.lastDay, requestedTo: w.range.to },
    generatedAt: w.now.toISOString(),
    tickets,
    enforcements,
    vetting,
  };
}

export type TeamMetrics = Awaited<ReturnType<typeof getTeamMetrics>>;
