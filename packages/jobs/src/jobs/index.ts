import type { JobDefinition } from "../queue/define-job.ts";
import { closeSolvedTicketsJob } from "./close-solved-tickets.ts";
import { deliverMailJob } from "./deliver-mail.ts";
import { dormancyChunkJob, dormancyScanJob } from "./dormancy-scan.ts";
import { exposureScanJob } from "./exposure-scan.ts";
import { processAuthRequestsJob } from "./process-auth-requests.ts";
import { ticketAgeAlarmsJob } from "./ticket-age-alarms.ts";

export {
  closeSolvedTicketsJob,
  deliverMailJob,
  dormancyChunkJob,
  dormancyScanJob,
  exposureScanJob,
  processAuthRequestsJob,
  ticketAgeAlarmsJob,
};

/** Every job the worker runs. A new job: one `defineJob` file, added here (see README). */
export const TRUSTDESK_JOBS: readonly JobDefinition[] = [
  deliverMailJob,
  processAuthRequestsJob,
  closeSolvedTicketsJob,
  ticketAgeAlarmsJob,
  dormancyScanJob,
  dormancyChunkJob,
  exposureScanJob,
];
