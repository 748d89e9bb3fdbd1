// A bot's notification to a user (issue 10 points 3-5): planned (plan.ts: every reachable
// channel for a new user, the learned primary for an established one), stored with a queued
// delivery per channel, and handed to the NOTIFY_JOBS queue: a send job per channel (after
// quiet hours), and for the learned plan a check job after the importance level's timeout
// that falls back to the secondary channel when no read came. Runs in the bot's actor
// (sendNotification/getNotification); the queue's side is consumer.ts.
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import { ok, refuse } from "../platform/result.ts";
import type { BotResult } from "../bots/reasons.ts";
import { DEFAULT_CONFIG, parseConfig, plan, quietUntil } from "./plan.ts";
import { CHANNELS, type Channel } from "./schema.ts";
import { botConfigJson, createNotification, deliveriesOf, newNotificationId, notificationById, notificationByDedup, prefsOf, readStats, receivedCount, verifiedContacts, type Importance } from "./store.ts";
import { byWait, enqueue, type NotifyJob } from "./jobs.ts";

export interface SendNotification {
  user_id: number;
  text: string;
  importance: Importance;
  link_url?: string;
  dedup_key?: string;
}

export interface NotificationReport {
  notification_id: string;
  deliveries: { channel: Channel; status: string; sent_date?: number; read_date?: number; first_read?: boolean }[];
}

/** `reach`: whether the user started this bot and has not blocked it (its in-app channel). */
export async function sendNotification(env: Env, bot: number, p: SendNotification, reach: { started: boolean; later: (jobs: { job: NotifyJob; at: number }[]) => Promise<void> }, now = Date.now()): Promise<BotResult<{ notification_id: string; mode: "all" | "learned"; channels: Channel[] }>> {
  if (!reach.started) return refuse("cant_initiate");
  const db = open(env.DB);
  if (p.dedup_key) {
    const earlier = await notificationByDedup(db, bot, p.dedup_key);
    if (earlier) return ok({ notification_id: earlier.id, mode: earlier.mode, channels: (await deliveriesOf(db, earlier.id)).filter((d) => !d.isFallback).map((d) => d.channel) });
  }
  const [received, stats, contacts, prefs, configJson] = await Promise.all([receivedCount(db, p.user_id), readStats(db, p.user_id), verifiedContacts(db, p.user_id), prefsOf(db, p.user_id), botConfigJson(db, bot)]);
  const parsed = parseConfig(configJson);
  const config = parsed.ok ? parsed.config : DEFAULT_CONFIG;
  const byChannel = new Map(stats.map((s) => [s.channel, s]));
  const decided = plan(
    {
      sent: received,
      channels: CHANNELS.map((channel) => ({
        channel,
        reachable: channel === "in_app" ? reach.started : contacts.has(channel),
        reads: byChannel.get(channel)?.reads ?? 0,
        firstReads: byChannel.get(channel)?.firstReads ?? 0,
        lastReadAt: byChannel.get(channel)?.lastReadAt ?? null,
      })),
      pins: { primary: prefs.primary, secondary: prefs.secondary },
      importance: p.importance,
    },
    config,
  );
  const sendAt = quietUntil(now, prefs.quiet, p.importance) ?? now;
  const id = newNotificationId();
  const stored = await createNotification(
    db,
    { id, bot, user: p.user_id, text: p.text, link: p.link_url ?? null, importance: p.importance, mode: decided.mode, fallback: decided.fallback, createdAt: now, sendAt, readAt: null, dedupKey: p.dedup_key ?? null },
    decided.send,
  );
  if (stored.created) {
    const { queue, later } = byWait(
      [
        ...decided.send.map((channel) => ({ job: { kind: "send" as const, notification: id, channel }, at: sendAt })),
        ...(decided.fallback && decided.fallbackAfterMs !== null ? [{ job: { kind: "check" as const, notification: id }, at: sendAt + decided.fallbackAfterMs }] : []),
      ],
      now,
    );
    await enqueue(env, queue, now);
    if (later.length) await reach.later(later);
  }
  return ok({ notification_id: stored.id, mode: decided.mode, channels: decided.send });
}

export async function getNotification(env: Env, bot: number, notificationId: string): Promise<BotResult<NotificationReport>> {
  const db = open(env.DB);
  const n = await notificationById(db, notificationId);
  if (!n || n.bot !== bot) return refuse("notification_not_found");
  const seconds = (ms: number | null) => (ms === null ? undefined : Math.floor(ms / 1000));
  return ok({
    notification_id: n.id,
    deliveries: (await deliveriesOf(db, n.id)).map((d) => ({
      channel: d.channel,
      status: d.status === "sending" ? "queued" : d.status === "uncertain" ? "sent" : d.status,
      ...(d.sentAt !== null ? { sent_date: seconds(d.sentAt) } : {}),
      ...(d.readAt !== null ? { read_date: seconds(d.readAt), first_read: d.firstRead ?? false } : {}),
    })),
  });
}
