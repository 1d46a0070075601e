import { processPasswordResetRequests, processSignUpRequests, type ServiceDeps } from "@trustdesk/services";

export interface AuthRequestPoller {
  stop(): Promise<void>;
}

/**
 * Works the sign-up and password-reset requests the forms queued (their answers do not depend on
 * whether an address has an account, so the look-up and the mail happen here, off the response
 * path). Runs beside the outbox poller; every pass is safe in any number of processes at once.
 */
export function startAuthRequestPoller(
  deps: ServiceDeps,
  options: { intervalMs?: number; batchSize?: number; onError?: (error: unknown) => void } = {},
): AuthRequestPoller {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const batch = options.batchSize ?? 20;
  const pass = async () => {
    try {
      let worked: number;
      do {
        const [signUps, resets] = await Promise.all([
          processSignUpRequests(deps, batch),
          processPasswordResetRequests(deps, batch),
        ]);
        worked = Math.max(signUps, resets);
      } while (!stopped && worked === batch);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().then(schedule);
    }, options.intervalMs ?? 1000);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
