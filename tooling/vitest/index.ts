import { defaultServerConditions } from "vite";
import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * Shared Vitest preset. Workspace packages resolve to their TypeScript source through the
 * `@trustdesk/source` export condition, so tests never depend on a stale `dist/`.
 */
export function nodeTestConfig(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: ["@trustdesk/source", ...defaultServerConditions] },
    ssr: { resolve: { conditions: ["@trustdesk/source", ...defaultServerConditions] } },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      environment: "node",
      // Tests must never be skipped or focused by accident (CI fails on `.only`).
      allowOnly: false,
      passWithNoTests: false,
      // Generous: in CI the unit suites share two cores with both browser suites; a hang still fails.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
