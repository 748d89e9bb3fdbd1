// Starts the local platform: local D1 migrated from migrations/, then `wrangler dev`
// (workerd through miniflare) serving the API and the built web app. Used by `npm start`,
// the browser tests and the benchmark, so all three run the same thing.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const wrangler = `${root}node_modules/.bin/wrangler`;
// Offline: no metrics, no update checks, no fetch of the `Request.cf` placeholder.
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_UPDATE_NOTIFIER: "1", FORCE_COLOR: "0", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

export function buildWeb() {
  run(`${root}node_modules/.bin/vite`, ["build", "web", "--logLevel", "warn"]);
}

export function migrate(persistTo) {
  run(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, env: quietEnv, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts `wrangler dev` on `port` with state under `persistTo` and resolves once /healthz
 * answers. `config` picks another wrangler file (the benchmark's baseline relay uses one);
 * `vars` are extra Worker variables. Locally, bots may use plain-http webhooks on loopback, and
 * the sandbox provider stands in for SMS, e-mail and official account (SANDBOX=on: /sandbox).
 */
export async function startPlatform({ port = 8787, persistTo = `${root}.wrangler/state`, config, log = false, vars = {} } = {}) {
  const args = ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo, "--log-level", log ? "info" : "warn"];
  if (config) args.push("--config", config);
  else for (const [k, v] of Object.entries({ LOCAL_WEBHOOKS: "1", SANDBOX: "on", PUBLIC_ORIGIN: `http://localhost:${port}`, ...vars })) args.push("--var", `${k}:${v}`);
  const child = spawn(wrangler, args, { cwd: root, env: quietEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const collect = (chunk) => {
    // wrangler's own request log prints each path, and a Bot API path holds the bot's token.
    const text = redactTokens(String(chunk));
    output = (output + text).slice(-20_000);
    if (log) process.stdout.write(text);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await Promise.race([new Promise((r) => child.once("exit", r)), sleep(5000)]);
  };
  for (const until = Date.now() + 120_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      // Bounded: a Worker that failed to build leaves workerd holding requests unanswered.
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (r.ok) return { url, stop, output: () => output };
    } catch {}
    await sleep(200);
  }
  await stop();
  throw new Error(`wrangler dev did not answer /healthz within 120 s:\n${output}`);
}

/** A TCP port on the loopback interface that nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Cuts bot tokens (`<bot id>:<secret>`, as in `/bot<token>/...` paths) out of log text, keeping the bot id. */
export function redactTokens(text) {
  return text.replace(/(bot\d+)(?::|%3A)[A-Za-z0-9_-]{8,}/gi, "$1:<token>");
}
