import { processPasswordResetRequests, processSignUpRequests } from "@trustdesk/services";
import { z } from "zod";
import { defineJob } from "../queue/define-job.ts";

const BATCH = 20;

/**
 * Works the sign-up and password-reset requests the forms queued (their answers do not depend on
 * whether an address has an account, so the look-up and the mail happen here, off the response path).
 */
export const processAuthRequestsJob = defineJob({
  name: "auth.process-requests",
  schema: z.object({}),
  schedule: { everySeconds: 1 },
  options: { retryLimit: 0, expireInSeconds: 300 },
  async handler(_data, { deps, signal }) {
    let worked: number;
    do {
      const [signUps, resets] = await Promise.all([
        processSignUpRequests(deps.services, BATCH),
        processPasswordResetRequests(deps.services, BATCH),
      ]);
      worked = Math.max(signUps, resets);
    } while (!signal.aborted && worked === BATCH);
  },
});
