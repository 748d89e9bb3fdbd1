// Finds a Python that imports python-telegram-bot 13 for the end-to-end tests, installing
// Debian's python3-python-telegram-bot when none is there and this user may install packages.
// Prints that Python's path; exits 1 with one line saying what to do when none can be had.
// `npm run test:e2e` runs it first, so a fresh machine needs nothing done by hand.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// Debian's package installs into the system Python's dist-packages, so /usr/bin/python3 comes
// before whatever `python3` a version manager puts on the PATH.
const candidates = [process.env.PTB_PYTHON, "/usr/bin/python3", "python3"].filter(Boolean);

function imports(python) {
  if (python.includes("/") && !existsSync(python)) return false;
  const r = spawnSync(python, ["-c", "import telegram, sys; sys.exit(0 if telegram.__version__.startswith('13.') else 1)"], { stdio: "ignore" });
  return r.status === 0;
}

export function findPythonTelegramBot() {
  return candidates.find(imports) ?? null;
}

function canInstall() {
  return process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function aptGet(args) {
  const r = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return r.status === 0;
}

export function ensurePythonTelegramBot() {
  const found = findPythonTelegramBot();
  if (found) return found;
  if (canInstall()) {
    console.error("python-telegram-bot is missing: installing Debian's python3-python-telegram-bot for the end-to-end tests ...");
    if (aptGet(["update", "-qq"]) && aptGet(["install", "-y", "-qq", "--no-install-recommends", "python3-python-telegram-bot"])) {
      const installed = findPythonTelegramBot();
      if (installed) return installed;
    }
  }
  console.error(
    "The end-to-end tests need python-telegram-bot 13: install Debian's package (sudo apt-get install python3-python-telegram-bot) or set PTB_PYTHON to a Python that imports it.",
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensurePythonTelegramBot());
}
