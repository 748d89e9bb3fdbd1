// The push simulator's pure core (issue 10 point 9; ARCHITECTURE.md 4.3). It replays
// notifications to a population in virtual time through plan() itself, the function the
// platform calls, and keeps each channel's read statistics the way plan.ts says they are kept:
// a read within the deadline (countsForLearning) adds to `reads` and sets `lastReadAt`; the
// first read of a notification adds to `firstReads` (options.learnFrom "every-read" counts
// every read instead, for the sweep's comparison).
// scripts/simulate-push.ts does the file and the command line. Tested in simulate.test.ts.
//
// The world (what a user would do with a copy on each channel) is drawn once per notification
// from a seeded PRNG and shared by every strategy, so strategies differ only by their choices:
//   - notifications arrive with exponential gaps (mean 6 h); importance from IMPORTANCE_MIX;
//   - a copy on a channel is read with that channel's readProbability, after a log-normal
//     delay whose median is medianReadDelayS (sigma LOG_SIGMA);
//   - a read counts when it happens: reads later than the next notification are not yet known
//     when that one is planned.
// Metrics (per strategy, over every notification of every user):
//   readWithinDeadline   share read on some channel within its importance's read deadline
//                        (config.deadlinesMs; the fallback fires earlier, at config.timeoutsMs)
//   sendsPerNotification copies sent / notifications
//   duplicateReads       reads beyond the first of the same notification / notifications
//   smsPerNotification   SMS sent / notifications
//   medianTimeToReadS    median seconds to the first read, over notifications that were read
//   readWithinTwiceDeadline  share read within twice the read deadline (a late read still counts)
//   readEventually       share read at all
import { DEFAULT_CONFIG, IMPORTANCES, TIE_ORDER, countsForLearning, plan, type ChannelStats, type Importance, type NotifyConfig } from "./plan.ts";
import type { Channel } from "./schema.ts";

export const STRATEGIES = ["all", "learned", "learned-no-fallback", "primary-only-oracle"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const IMPORTANCE_MIX: Record<Importance, number> = { low: 0.3, normal: 0.45, high: 0.2, urgent: 0.05 };
export const MEAN_GAP_MS = 6 * 3_600_000;
export const LOG_SIGMA = 1;

export interface ChannelHabit {
  reachable: boolean;
  readProbability: number;
  medianReadDelayS: number;
}
export interface SimUser {
  id: string;
  channels: Partial<Record<Channel, ChannelHabit>>;
}

export interface StrategyResult {
  strategy: Strategy;
  readWithinDeadline: number;
  sendsPerNotification: number;
  duplicateReads: number;
  smsPerNotification: number;
  medianTimeToReadS: number | null;
  readWithinTwiceDeadline: number;
  readEventually: number;
}

export type ParsedUser = { ok: true; user: SimUser } | { ok: false; reason: string };

/** One population line, checked: a clear reason for anything the simulator could not use. */
export function parseUserLine(line: string): ParsedUser {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  if (typeof row !== "object" || row === null || Array.isArray(row)) return { ok: false, reason: "not a JSON object" };
  const r = row as Record<string, unknown>;
  if ((typeof r.id !== "string" && typeof r.id !== "number") || String(r.id).length === 0) return { ok: false, reason: "id must be a non-empty string or a number" };
  if (typeof r.channels !== "object" || r.channels === null || Array.isArray(r.channels)) return { ok: false, reason: "channels must be an object" };
  const channels: SimUser["channels"] = {};
  for (const [name, habit] of Object.entries(r.channels as Record<string, unknown>)) {
    if (!(TIE_ORDER as readonly string[]).includes(name)) return { ok: false, reason: `unknown channel "${name}" (known: ${TIE_ORDER.join(", ")})` };
    const h = habit as Record<string, unknown> | null;
    if (typeof h !== "object" || h === null) return { ok: false, reason: `${name}: must be an object` };
    if (typeof h.reachable !== "boolean") return { ok: false, reason: `${name}.reachable must be true or false` };
    const p = h.readProbability;
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) return { ok: false, reason: `${name}.readProbability must be a number from 0 to 1` };
    const d = h.medianReadDelayS;
    if (typeof d !== "number" || !(d > 0 && d <= 30 * 86_400)) return { ok: false, reason: `${name}.medianReadDelayS must be a number of seconds above 0, at most 30 days` };
    channels[name as Channel] = { reachable: h.reachable, readProbability: p, medianReadDelayS: d };
  }
  return { ok: true, user: { id: String(r.id), channels } };
}

/** mulberry32: a small, fast, seeded PRNG in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Draw {
  at: number;
  importance: Importance;
  /** Per channel (TIE_ORDER), the delay after which a copy sent there is read, or null. */
  readAfterMs: Partial<Record<Channel, number | null>>;
}

/** The user's world: the same notifications and reactions for every strategy. */
function drawWorld(user: SimUser, pushes: number, rand: () => number): Draw[] {
  const draws: Draw[] = [];
  let at = 0;
  for (let i = 0; i < pushes; i++) {
    at += Math.round(-Math.log(1 - rand()) * MEAN_GAP_MS);
    let u = rand();
    let importance: Importance = "urgent";
    for (const imp of IMPORTANCES) {
      if (u < IMPORTANCE_MIX[imp]) {
        importance = imp;
        break;
      }
      u -= IMPORTANCE_MIX[imp];
    }
    const readAfterMs: Draw["readAfterMs"] = {};
    for (const ch of TIE_ORDER) {
      // Three draws per channel whatever the habit, so the streams stay aligned.
      const read = rand();
      const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      const h = user.channels[ch];
      readAfterMs[ch] = h && read < h.readProbability ? Math.max(1000, Math.round(h.medianReadDelayS * 1000 * Math.exp(LOG_SIGMA * z))) : null;
    }
    draws.push({ at, importance, readAfterMs });
  }
  return draws;
}

interface Tally {
  notifications: number;
  withinDeadline: number;
  withinTwice: number;
  read: number;
  sends: number;
  sms: number;
  duplicates: number;
  timesToReadMs: number[];
}
const emptyTally = (): Tally => ({ notifications: 0, withinDeadline: 0, withinTwice: 0, read: 0, sends: 0, sms: 0, duplicates: 0, timesToReadMs: [] });

/** What one strategy sends for one notification: [channel, delay after the notification]. */
function choose(strategy: Strategy, user: SimUser, stats: ChannelStats[], sent: number, draw: Draw, config: NotifyConfig): Array<[Channel, number]> {
  if (strategy === "primary-only-oracle") {
    // Knows the true habits: the reachable channel most likely read, the faster one on a tie.
    let best: [Channel, ChannelHabit] | null = null;
    for (const ch of TIE_ORDER) {
      const h = user.channels[ch];
      if (!h?.reachable) continue;
      if (!best || h.readProbability > best[1].readProbability || (h.readProbability === best[1].readProbability && h.medianReadDelayS < best[1].medianReadDelayS)) best = [ch, h];
    }
    return best ? [[best[0], 0]] : [];
  }
  // `all` is the plan of a user who never stops being new.
  const cfg = strategy === "all" ? { ...config, newUserThreshold: Infinity } : config;
  const p = plan({ sent, channels: stats, pins: {}, importance: draw.importance }, cfg);
  const out: Array<[Channel, number]> = p.send.map((ch) => [ch, 0]);
  if (strategy === "learned" && p.fallback !== null && p.fallbackAfterMs !== null) {
    // The fallback goes out only if no copy was read by then (the platform's queued check).
    const readInTime = out.some(([ch]) => {
      const d = draw.readAfterMs[ch];
      return d !== null && d !== undefined && d <= p.fallbackAfterMs!;
    });
    if (!readInTime) out.push([p.fallback, p.fallbackAfterMs]);
  }
  return out;
}

/** Replays `pushes` notifications to one user under one strategy, into `tally`. */
function runUser(user: SimUser, world: Draw[], strategy: Strategy, config: NotifyConfig, learnFrom: LearnFrom, tally: Tally): ChannelStats[] {
  const stats: ChannelStats[] = TIE_ORDER.filter((ch) => user.channels[ch]).map((ch) => ({ channel: ch, reachable: user.channels[ch]!.reachable, reads: 0, firstReads: 0, lastReadAt: null }));
  const pending: Array<{ at: number; channel: Channel; notification: number }> = [];
  const firstReadDone = new Set<number>();
  const learn = (until: number) => {
    pending.sort((a, b) => a.at - b.at);
    while (pending.length > 0 && pending[0]!.at <= until) {
      const r = pending.shift()!;
      const s = stats.find((c) => c.channel === r.channel)!;
      s.reads += 1;
      s.lastReadAt = r.at;
      if (!firstReadDone.has(r.notification)) {
        firstReadDone.add(r.notification);
        s.firstReads += 1;
      }
    }
  };
  world.forEach((draw, i) => {
    learn(draw.at);
    const sends = choose(strategy, user, stats, i, draw, config);
    const readTimes: number[] = [];
    for (const [ch, after] of sends) {
      tally.sends += 1;
      if (ch === "sms") tally.sms += 1;
      const d = draw.readAfterMs[ch];
      if (d === null || d === undefined) continue;
      readTimes.push(after + d);
      if (learnFrom === "every-read" || countsForLearning(after + d, draw.importance, config)) pending.push({ at: draw.at + after + d, channel: ch, notification: i });
    }
    tally.notifications += 1;
    if (readTimes.length > 0) {
      const first = Math.min(...readTimes);
      tally.read += 1;
      tally.duplicates += readTimes.length - 1;
      tally.timesToReadMs.push(first);
      if (first <= config.deadlinesMs[draw.importance]) tally.withinDeadline += 1;
      if (first <= 2 * config.deadlinesMs[draw.importance]) tally.withinTwice += 1;
    }
  });
  learn(Infinity);
  return stats;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Which reads the learning counts: plan.ts's rule (the default) or every read. */
export type LearnFrom = "in-time" | "every-read";

export interface SimulateOptions {
  pushes?: number;
  learnFrom?: LearnFrom;
  seed?: number;
  strategies?: readonly Strategy[];
  config?: NotifyConfig;
}

export interface Simulation {
  results: StrategyResult[];
  /** Each strategy's learned statistics per user at the end (by user id). */
  finalStats: Record<string, Record<string, ChannelStats[]>>;
}

/** Runs every strategy over the population. Deterministic for a seed. */
export function simulate(users: SimUser[], options: SimulateOptions = {}): Simulation {
  const pushes = options.pushes ?? 100;
  const seed = options.seed ?? 1;
  const config = options.config ?? DEFAULT_CONFIG;
  const strategies = options.strategies ?? STRATEGIES;
  const tallies = new Map(strategies.map((s) => [s, emptyTally()]));
  const finalStats: Simulation["finalStats"] = Object.fromEntries(strategies.map((s) => [s, {}]));
  users.forEach((user, index) => {
    // Each user's world depends on the seed and his position only, not on the other users.
    const world = drawWorld(user, pushes, prng((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)));
    for (const s of strategies) finalStats[s]![user.id] = runUser(user, world, s, config, options.learnFrom ?? "in-time", tallies.get(s)!);
  });
  const results = strategies.map((strategy): StrategyResult => {
    const t = tallies.get(strategy)!;
    const n = Math.max(1, t.notifications);
    const med = median(t.timesToReadMs);
    return {
      strategy,
      readWithinDeadline: round(t.withinDeadline / n),
      sendsPerNotification: round(t.sends / n),
      duplicateReads: round(t.duplicates / n),
      smsPerNotification: round(t.sms / n),
      medianTimeToReadS: med === null ? null : Math.round(med / 1000),
      readWithinTwiceDeadline: round(t.withinTwice / n),
      readEventually: round(t.read / n),
    };
  });
  return { results, finalStats };
}
