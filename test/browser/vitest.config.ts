import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: plain Node; each file starts `wrangler dev` and drives Debian's Chromium.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Live delivery is fast, but wrangler dev on a busy machine is not: poll patiently.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
