import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Bot libraries end to end: plain Node, real `wrangler dev`, real grammY and telegraf.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
