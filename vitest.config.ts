import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { outsideChannels } from "./test/fakes/outside-channels.ts";

// The suite runs inside workerd with the real bindings from wrangler.toml: Durable Objects,
// D1 (migrated from migrations/ by test/setup.ts) and R2.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      remoteBindings: false,
      miniflare: {
        // SANDBOX: the local sandbox provider stands in for SMS, e-mail and official account.
        bindings: { TEST_MIGRATIONS: await readD1Migrations("./migrations"), SANDBOX: "on" },
        // No network in tests: any outbound request (a webhook to a public host) gets a 502, but
        // for the fakes of the outside notification channels on one host (test/fakes/outside-channels.ts).
        outboundService: outsideChannels,
      },
    }),
  ],
  test: {
    include: ["test/api/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 30_000,
  },
}));
