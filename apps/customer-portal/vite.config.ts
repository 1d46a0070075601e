import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

const api = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  // Workspace packages resolve to their TypeScript source (no build step needed for the SPA).
  resolve: { conditions: ["@trustdesk/source", ...defaultClientConditions] },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: {
      "/trpc": { target: api, changeOrigin: false },
      "/v1": { target: api, changeOrigin: false },
      "/attachments": { target: api, changeOrigin: false },
    },
  },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  build: { sourcemap: true },
});
