import { closeSolvedTickets, type ServiceDeps } from "@trustdesk/services";

export interface TicketHousekeeping {
  stop(): Promise<void>;
}

/**
 * Closes solved tickets that had no customer reply for `closeAfterDays` (a reply reopens a solved
 * ticket). Every few minutes is plenty: a ticket closes a little after its day, never before. Safe in
 * any number of processes at once (`closeSolvedTickets` skips rows another pass holds).
 */
export function startTicketHousekeeping(
  deps: ServiceDeps,
  options: { closeAfterDays: number; intervalMs?: number; onError?: (error: unknown) => void },
): TicketHousekeeping {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const pass = async () => {
    try {
      await closeSolvedTickets(deps, options.closeAfterDays);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().then(() => schedule(options.intervalMs ?? 5 * 60_000));
    }, delay);
    timer.unref();
  };
  schedule(1000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
