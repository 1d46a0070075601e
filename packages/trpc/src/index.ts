export {
  type AppRouter,
  appRouter,
  createCaller,
  type RouterInputs,
  type RouterOutputs,
} from "./app-router.ts";
export type { SessionCookies, TrpcContext } from "./context.ts";
