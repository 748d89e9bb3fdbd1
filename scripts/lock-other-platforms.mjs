// The package registry reachable here lacks some platform builds of deno and workerd, so npm
// leaves them out of package-lock.json, and `npm ci` then calls the lock out of sync. This
// adds their entries (os/cpu-scoped optional packages, never installed on this platform).
// Run it after any `npm install` that rewrites the lock: node scripts/lock-other-platforms.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const version = (name) => lock.packages[`node_modules/${name}`]?.version;

const platforms = {
  deno: { prefix: "@deno/", builds: { "darwin-arm64": ["darwin", "arm64"], "darwin-x64": ["darwin", "x64"], "linux-arm64-glibc": ["linux", "arm64"], "win32-arm64": ["win32", "arm64"], "win32-x64": ["win32", "x64"] } },
  workerd: { prefix: "@cloudflare/workerd-", builds: { "darwin-64": ["darwin", "x64"], "darwin-arm64": ["darwin", "arm64"], "windows-64": ["win32", "x64"] } },
};

let added = 0;
for (const [pkg, { prefix, builds }] of Object.entries(platforms)) {
  const v = version(pkg);
  if (!v) continue;
  for (const [suffix, [os, cpu]] of Object.entries(builds)) {
    const key = `node_modules/${prefix}${suffix}`;
    if (lock.packages[key]) continue;
    lock.packages[key] = { version: v, cpu: [cpu], dev: true, license: "MIT", optional: true, os: [os] };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries to package-lock.json`);
