import { z } from "zod";

/** Who did something, as the audit log files it: a person of either realm, an internal system, or us. */
export const ActorType = z.enum(["customer", "staff", "service", "system"]);
export type ActorType = z.infer<typeof ActorType>;
