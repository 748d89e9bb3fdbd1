// npm run simulate:push -- --population FILE [--pushes N] [--seed S] [--sweep]
// Replays N notifications per user (default 100) to a population (JSON lines, ARCHITECTURE.md
// 4.3) in virtual time through the platform's own plan() (src/notify/simulate.ts), and prints
// one JSON object per strategy; with --sweep, one per fallback fraction and learning rule
// (src/notify/simulate-sweep.ts). Bad input: a message on stderr and exit code 2.
import { readFileSync } from "node:fs";
import { parseUserLine, simulate, type SimUser } from "../src/notify/simulate.ts";
import { sweep } from "../src/notify/simulate-sweep.ts";

function fail(message: string, usage = false): never {
  process.stderr.write(`simulate-push: ${message}\n`);
  if (usage) process.stderr.write("usage: npm run simulate:push -- --population FILE [--pushes N (1-10000, default 100)] [--seed S (integer, default 1)] [--sweep]\n");
  process.exit(2);
}

function args(argv: string[]): { population: string; pushes: number; seed: number; sweep: boolean } {
  const out: Record<string, string> = {};
  let sweeping = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--sweep") {
      sweeping = true;
      continue;
    }
    if (!["--population", "--pushes", "--seed"].includes(a)) fail(`unknown argument "${a}"`, true);
    const v = argv[++i];
    if (v === undefined) fail(`${a} needs a value`, true);
    out[a.slice(2)] = v;
  }
  if (!out.population) fail("--population FILE is required", true);
  const int = (name: string, dflt: number, min: number, max: number) => {
    const v = out[name];
    if (v === undefined) return dflt;
    if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) fail(`--${name} must be an integer from ${min} to ${max}`, true);
    return Number(v);
  };
  return { population: out.population, pushes: int("pushes", 100, 1, 10_000), seed: int("seed", 1, 0, 2 ** 32 - 1), sweep: sweeping };
}

const opts = args(process.argv.slice(2));
let text: string;
try {
  text = readFileSync(opts.population, "utf8");
} catch (e) {
  fail(`cannot read ${opts.population}: ${e instanceof Error ? e.message : String(e)}`);
}
const users: SimUser[] = [];
const ids = new Set<string>();
text.split("\n").forEach((line, i) => {
  if (line.trim() === "") return;
  const r = parseUserLine(line);
  if (!r.ok) fail(`${opts.population} line ${i + 1}: ${r.reason}`);
  if (ids.has(r.user.id)) fail(`${opts.population} line ${i + 1}: id "${r.user.id}" appears twice`);
  ids.add(r.user.id);
  users.push(r.user);
});
if (users.length === 0) fail(`${opts.population} has no users`);
if (users.length * opts.pushes > 20_000_000) fail("population × pushes is above 20,000,000 notifications");

// The sweep runs 2 strategies × 2 learning rules × 8 fractions: bounded by a quarter of the above.
if (opts.sweep && users.length * opts.pushes > 5_000_000) fail("--sweep: population × pushes is above 5,000,000 notifications");
const rows = opts.sweep ? sweep(users, { pushes: opts.pushes, seed: opts.seed }) : simulate(users, { pushes: opts.pushes, seed: opts.seed }).results;
for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
