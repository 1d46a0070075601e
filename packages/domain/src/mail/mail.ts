import { z } from "zod";

export const MailStatus = z.enum(["pending", "sent", "failed"]);
export type MailStatus = z.infer<typeof MailStatus>;
