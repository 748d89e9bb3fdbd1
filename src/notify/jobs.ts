// NOTIFY_JOBS: a `send` job delivers one notification on one channel; a `check` job, due
// when the importance level's timeout has passed, falls back to the secondary channel if no
// read came. A Queue delays a message by at most 12 hours: a job due later is put back with
// the longest delay until it is due (each hop is one queue message; nothing is lost, and a
// job that runs early only waits again).
import type { Env } from "../env.ts";
import type { Channel } from "./schema.ts";

export type NotifyJob = { kind: "send"; notification: string; channel: Channel; notBefore?: number } | { kind: "check"; notification: string; notBefore?: number };

export const MAX_DELAY_S = 12 * 3600;

/** Puts jobs on the queue, each delayed until its time (at most MAX_DELAY_S now; the rest on a later hop). */
export async function enqueue(env: Env, jobs: { job: NotifyJob; at: number }[], now: number): Promise<void> {
  if (!env.NOTIFY_JOBS || jobs.length === 0) return;
  await env.NOTIFY_JOBS.sendBatch(
    jobs.map(({ job, at }) => {
      const wait = Math.max(0, Math.ceil((at - now) / 1000));
      return { body: { ...job, notBefore: at }, contentType: "json" as const, delaySeconds: Math.min(wait, MAX_DELAY_S) };
    }),
  );
}
