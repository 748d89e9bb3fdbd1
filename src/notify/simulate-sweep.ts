// The fallback sweep (npm run simulate:push -- --sweep): for several fallback fractions (the
// fallback timeout as a share of the read deadline) and both learning rules, how close the
// learned plan comes to every channel every time, and what it costs. Pure; it runs simulate()
// with plan() itself, changing only the config. Tested in simulate.test.ts.
import { DEFAULT_CONFIG, timeoutsFor, type NotifyConfig } from "./plan.ts";
import { simulate, type LearnFrom, type SimUser } from "./simulate.ts";

export const SWEEP_FRACTIONS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1] as const;
export const LEARN_FROM: readonly LearnFrom[] = ["in-time", "every-read"];

export interface SweepRow {
  fallbackFraction: number;
  learnFrom: LearnFrom;
  /** all's readWithinDeadline minus learned's, in points (hundredths). */
  gapPoints: number;
  learnedReadWithinDeadline: number;
  allReadWithinDeadline: number;
  sendsPerNotification: number;
  duplicateReads: number;
  smsPerNotification: number;
  /** The target: within 2 points of all, under 1.5 sends per notification. */
  meetsTarget: boolean;
}

export function sweep(users: SimUser[], options: { pushes?: number; seed?: number; fractions?: readonly number[]; base?: NotifyConfig } = {}): SweepRow[] {
  const base = options.base ?? DEFAULT_CONFIG;
  const rows: SweepRow[] = [];
  for (const fallbackFraction of options.fractions ?? SWEEP_FRACTIONS) {
    const config: NotifyConfig = { ...base, timeoutsMs: timeoutsFor(base.deadlinesMs, fallbackFraction) };
    for (const learnFrom of LEARN_FROM) {
      const r = simulate(users, { pushes: options.pushes, seed: options.seed, config, learnFrom, strategies: ["all", "learned"] }).results;
      const all = r.find((x) => x.strategy === "all")!;
      const learned = r.find((x) => x.strategy === "learned")!;
      const gapPoints = Math.round((all.readWithinDeadline - learned.readWithinDeadline) * 10_000) / 100;
      rows.push({
        fallbackFraction,
        learnFrom,
        gapPoints,
        learnedReadWithinDeadline: learned.readWithinDeadline,
        allReadWithinDeadline: all.readWithinDeadline,
        sendsPerNotification: learned.sendsPerNotification,
        duplicateReads: learned.duplicateReads,
        smsPerNotification: learned.smsPerNotification,
        meetsTarget: gapPoints <= 2 && learned.sendsPerNotification < 1.5,
      });
    }
  }
  return rows;
}
