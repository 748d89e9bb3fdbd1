// The NOTIFY_JOBS consumer (issue 10 point 5). `send`: claims the channel's delivery (a
// redelivered or retried job finds it claimed and sends nothing), sends it (in-app through
// the bot's actor, the others through their adapters), and stores the result; a primary that
// fails outright falls back at once. `check`: when no read came, the fallback channel gets
// the notification (its delivery is added once, so a redelivered check adds nothing). A job
// that throws is retried by the queue, then dead-lettered (wrangler.toml; deadLetters below).
import type { Env } from "../env.ts";
import { open, type Db } from "../platform/d1.ts";
import { sql } from "drizzle-orm";
import { adaptersFor } from "./channels/index.ts";
import { enqueue, type NotifyJob } from "./jobs.ts";
import type { Channel } from "./schema.ts";
import { addFallbackDelivery, claim, finish, notificationById, verifiedContacts, type NotificationRow } from "./store.ts";

export async function handleNotifyBatch(batch: MessageBatch<NotifyJob>, env: Env): Promise<void> {
  const db = open(env.DB);
  for (const message of batch.messages) {
    try {
      await runJob(db, env, message.body, Date.now());
      message.ack();
    } catch (err) {
      console.error("notify job failed", message.body.kind, err);
      message.retry({ delaySeconds: Math.min(60 * 2 ** message.attempts, 3600) });
    }
  }
}

/** The dead-letter queue's consumer: jobs that kept failing, kept for their bot's owner to see. */
export async function handleDeadLetters(batch: MessageBatch<NotifyJob>, env: Env): Promise<void> {
  const db = open(env.DB);
  for (const message of batch.messages) {
    const n = await notificationById(db, message.body.notification).catch(() => null);
    await db.run(sql`insert into dead_letters (queue, bot, body, at) values (${batch.queue}, ${n?.bot ?? null}, ${JSON.stringify(message.body)}, ${Date.now()})`);
    message.ack();
  }
}

export async function runJob(db: Db, env: Env, job: NotifyJob, now: number): Promise<void> {
  // Not due yet (a delay longer than a queue allows): back on the queue for the rest.
  if (job.notBefore !== undefined && job.notBefore - now > 1000) {
    await enqueue(env, [{ job, at: job.notBefore }], now);
    return;
  }
  const n = await notificationById(db, job.notification);
  if (!n) return; // the bot or user is gone
  if (job.kind === "send") return sendOn(db, env, n, job.channel, now);
  if (n.readAt !== null || !n.fallback) return;
  await fallBack(db, env, n, now);
}

async function fallBack(db: Db, env: Env, n: NotificationRow, now: number): Promise<void> {
  if (!n.fallback || !(await addFallbackDelivery(db, n.id, n.fallback))) return;
  await sendOn(db, env, n, n.fallback, now);
}

async function sendOn(db: Db, env: Env, n: NotificationRow, channel: Channel, now: number): Promise<void> {
  const delivery = await claim(db, n.id, channel);
  if (!delivery) return; // sent (or being sent) by an earlier run of this job
  const link = n.link ? `${origin(env)}/r/${delivery.token}` : undefined;
  let result: { status: "sent" | "failed" | "uncertain"; detail: string | null };
  if (channel === "in_app") {
    const r = await env.BOTS.getByName(String(n.bot)).notifyInApp(n.user, n.text, delivery.token, link ?? null);
    result = r.ok ? { status: "sent", detail: String(r.messageId) } : { status: "failed", detail: r.reason };
  } else {
    const to = (await verifiedContacts(db, n.user)).get(channel);
    if (!to) result = { status: "failed", detail: "no verified contact" };
    else {
      const bot = await db.all<{ name: string }>(sql`select display_name as name from users where id = ${n.bot}`);
      const r = await adaptersFor(env)[channel].send({ user: n.user, to, title: bot[0]?.name ?? "Notification", text: n.text, ...(link ? { link } : {}) });
      result = r.status === "sent" ? { status: "sent", detail: r.providerId ?? null } : { status: r.status, detail: r.reason };
    }
  }
  await finish(db, n.id, channel, result.status, result.detail, now);
  // The primary failed outright: the secondary now, not after the timeout.
  if (result.status === "failed" && n.mode === "learned" && channel !== n.fallback) await fallBack(db, env, n, now);
}

/** Where tracked links point: the platform's public origin. */
export function origin(env: Env): string {
  return (env.PUBLIC_ORIGIN ?? "http://localhost:8787").replace(/\/+$/, "");
}


