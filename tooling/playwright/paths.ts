import { resolve } from "node:path";

/** The built API the e2e runs start and stop (`pnpm turbo run build --filter=@trustdesk/api...`). */
export const API_DIST = resolve(import.meta.dirname, "../../apps/api/dist");
