import { closeSolvedTickets } from "@trustdesk/services";
import { z } from "zod";
import { defineJob } from "../queue/define-job.ts";

/** Solved tickets close after the configured days without a customer reply; every 5 minutes is plenty. */
export const closeSolvedTicketsJob = defineJob({
  name: "tickets.close-solved",
  schema: z.object({}),
  schedule: { cron: "*/5 * * * *" },
  options: { retryLimit: 1 },
  async handler(_data, { deps }) {
    return { closed: await closeSolvedTickets(deps.services, deps.settings.solvedTicketCloseDays) };
  },
});
