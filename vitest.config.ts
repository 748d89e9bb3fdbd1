import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// The suite runs inside workerd with the real bindings from wrangler.toml: Durable Objects,
// D1 (migrated from migrations/ by test/setup.ts) and R2.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      remoteBindings: false,
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations("./migrations") },
        // No network in tests: any outbound request (a webhook to a public host) gets a 502.
        outboundService: () => new Response("no network in tests", { status: 502, statusText: "Bad Gateway" }),
      },
    }),
  ],
  test: {
    include: ["test/api/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 30_000,
  },
}));
