import preact from "@preact/preset-vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { ocrLanguageData } from "./ocr-language-data.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

// `vite build web` → web/dist, which wrangler serves as static assets.
// `vite web` (dev) proxies the API and the stream to a running `npm start` on :8787.
export default defineConfig({
  root,
  plugins: [preact(), ocrLanguageData()],
  build: { outDir: `${root}dist`, emptyOutDir: true, target: "es2022" },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8787", ws: true } },
  },
});
