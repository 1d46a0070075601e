import { sweepTicketAgeAlarms } from "@trustdesk/services";
import { z } from "zod";
import { defineJob } from "../queue/define-job.ts";

/** The aging sweep (24 h / 48 h of team time without a first reply), once a minute. */
export const ticketAgeAlarmsJob = defineJob({
  name: "tickets.age-alarms",
  schema: z.object({}),
  schedule: { cron: "* * * * *" },
  options: { retryLimit: 1 },
  async handler(_data, { deps }) {
    return sweepTicketAgeAlarms(deps.services);
  },
});
