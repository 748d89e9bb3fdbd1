// Finds a Chromium for the browser tests, installing Debian's package when none is there and
// this user may install packages. Prints the executable's path; exits 1 with one line saying
// what to do when no browser can be had. `npm run test:browser` runs it first, so a fresh
// machine needs nothing done by hand.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean);

export function findChromium() {
  return candidates.find((p) => existsSync(p)) ?? null;
}

function canInstall() {
  return process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function aptGet(args) {
  const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return r.status === 0;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (canInstall()) {
    console.error("Chromium is missing: installing Debian's chromium package for the browser tests ...");
    if (aptGet(["update", "-qq"]) && aptGet(["install", "-y", "-qq", "--no-install-recommends", "chromium"])) {
      const installed = findChromium();
      if (installed) return installed;
    }
  }
  console.error(
    "The browser tests need Chromium: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
