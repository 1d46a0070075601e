import { z } from "zod";
import { safeText } from "../text/safe-text.ts";

/** What an internal system's token may do; each REST endpoint names the one scope it needs. */
export const ServiceScope = z.enum(["activity:write", "compromise:write", "exposure:write"]);
export type ServiceScope = z.infer<typeof ServiceScope>;

export const CreateServiceTokenInput = z.object({
  name: safeText({ min: 1, max: 100, tooShort: "Give the token a name", tooLong: "Name is too long" }),
  scopes: z.array(ServiceScope).min(1, "Grant at least one scope").max(3),
});
export type CreateServiceTokenInput = z.infer<typeof CreateServiceTokenInput>;
