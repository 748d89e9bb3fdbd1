// NOTIFY_JOBS: a `send` job delivers one notification on one channel; a `check` job, due
// when the importance level's timeout has passed, falls back to the secondary channel if no
// read came. A Queue delays a message by at most 12 hours: a job due later waits on its bot's
// actor alarm (timers.ts) and is queued when due. A job that still comes early (a clock
// apart) is put back for the rest.
import type { Env } from "../env.ts";
import type { Channel } from "./schema.ts";

import { MAX_DELAY_S, type NotifyJob } from "./wait.ts";

export { byWait, MAX_DELAY_S, type NotifyJob } from "./wait.ts";

/** Puts jobs on the queue, each delayed until its time (at most MAX_DELAY_S). */
export async function enqueue(env: Env, jobs: { job: NotifyJob; at: number }[], now: number): Promise<void> {
  if (!env.NOTIFY_JOBS || jobs.length === 0) return;
  await env.NOTIFY_JOBS.sendBatch(
    jobs.map(({ job, at }) => {
      const wait = Math.max(0, Math.ceil((at - now) / 1000));
      return { body: { ...job, notBefore: at }, contentType: "json" as const, delaySeconds: Math.min(wait, MAX_DELAY_S) };
    }),
  );
}
