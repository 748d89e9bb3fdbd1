// The notification jobs' shapes and how long each may wait on the queue. Pure (jobs.ts puts
// them on the queue; the bot's actor keeps those that must wait longer, timers.ts).
import type { Channel } from "./schema.ts";

export type NotifyJob = { kind: "send"; notification: string; channel: Channel; notBefore?: number } | { kind: "check"; notification: string; notBefore?: number };

export const MAX_DELAY_S = 12 * 3600;

/** Splits jobs into those a queue can delay until their time and those that must wait longer. */
export function byWait(jobs: { job: NotifyJob; at: number }[], now: number): { queue: typeof jobs; later: typeof jobs } {
  const fits = (at: number) => at - now <= MAX_DELAY_S * 1000;
  return { queue: jobs.filter((j) => fits(j.at)), later: jobs.filter((j) => !fits(j.at)) };
}

