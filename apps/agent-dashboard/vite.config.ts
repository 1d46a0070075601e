import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

const api = "http://127.0.0.1:3000";

export default defineConfig({
  // Served by the API under /agent/ in production; the router's basename follows from it.
  base: "/agent/",
  plugins: [react()],
  // Workspace packages resolve to their TypeScript source (no build step needed for the SPA).
  resolve: { conditions: ["@trustdesk/source", ...defaultClientConditions] },
  server: {
    host: "127.0.0.1",
    port: 5174,
    strictPort: true,
    proxy: {
      "/trpc": { target: api, changeOrigin: false },
      "/v1": { target: api, changeOrigin: false },
    },
  },
  preview: { host: "127.0.0.1", port: 4174, strictPort: true },
  build: { sourcemap: true },
});
