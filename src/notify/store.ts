// Notifications, deliveries and read feedback in D1: the one way to reach notify/schema.ts's
// tables for sending and reading. Every write that a retried job may repeat is conditional
// (a delivery is claimed queued -> sending once; a read is recorded once per channel).
import { sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { toBase64Url } from "../platform/crypto.ts";
import { DEFAULT_CONFIG } from "./plan.ts";
import type { Channel } from "./schema.ts";

export type Importance = "low" | "normal" | "high" | "urgent";
export type DeliveryStatus = "queued" | "sending" | "sent" | "failed" | "skipped" | "read" | "uncertain";

export interface NotificationRow {
  id: string;
  bot: number;
  user: number;
  text: string;
  link: string | null;
  importance: Importance;
  mode: "all" | "learned";
  fallback: Channel | null;
  createdAt: number;
  sendAt: number;
  readAt: number | null;
}

export interface DeliveryRow {
  notification: string;
  channel: Channel;
  status: DeliveryStatus;
  token: string;
  isFallback: boolean;
  sentAt: number | null;
  readAt: number | null;
  firstRead: boolean | null;
}

const newToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
export const newNotificationId = () => `n_${toBase64Url(crypto.getRandomValues(new Uint8Array(12)))}`;

export async function notificationByDedup(db: Db, bot: number, dedupKey: string): Promise<NotificationRow | null> {
  const rows = await db.all<NotificationRow>(sql`select id, bot, user, text, link, importance, mode, fallback, created_at as createdAt, send_at as sendAt, read_at as readAt from notifications where bot = ${bot} and dedup_key = ${dedupKey}`);
  return rows[0] ?? null;
}

export async function notificationById(db: Db, id: string): Promise<NotificationRow | null> {
  const rows = await db.all<NotificationRow>(sql`select id, bot, user, text, link, importance, mode, fallback, created_at as createdAt, send_at as sendAt, read_at as readAt from notifications where id = ${id}`);
  return rows[0] ?? null;
}

/**
 * Stores the notification and a queued delivery per channel in one batch. With a dedup key
 * already used by this bot, stores nothing and answers the earlier notification's id.
 */
export async function createNotification(db: Db, n: NotificationRow & { dedupKey: string | null }, channels: Channel[]): Promise<{ id: string; created: boolean }> {
  const d1 = db.$client;
  const insert = d1
    .prepare(
      "insert into notifications (id, bot, user, text, link, importance, dedup_key, mode, fallback, created_at, send_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) on conflict do nothing",
    )
    .bind(n.id, n.bot, n.user, n.text, n.link, n.importance, n.dedupKey, n.mode, n.fallback, n.createdAt, n.sendAt);
  const rows = channels.map((ch) =>
    d1.prepare("insert into deliveries (notification, channel, status, token) select ?1, ?2, 'queued', ?3 where exists (select 1 from notifications where id = ?1 and created_at = ?4 and bot = ?5)").bind(n.id, ch, newToken(), n.createdAt, n.bot),
  );
  const [first] = await d1.batch([insert, ...rows]);
  if ((first?.meta.changes ?? 0) > 0) return { id: n.id, created: true };
  const earlier = n.dedupKey ? await notificationByDedup(db, n.bot, n.dedupKey) : null;
  return { id: earlier?.id ?? n.id, created: false };
}

export async function deliveriesOf(db: Db, notification: string): Promise<DeliveryRow[]> {
  const rows = await db.all<Omit<DeliveryRow, "isFallback" | "firstRead"> & { isFallback: number; firstRead: number | null }>(sql`
    select notification, channel, status, token, is_fallback as isFallback, sent_at as sentAt, read_at as readAt, first_read as firstRead
    from deliveries where notification = ${notification} order by is_fallback, channel`);
  return rows.map((r) => ({ ...r, isFallback: r.isFallback === 1, firstRead: r.firstRead === null ? null : r.firstRead === 1 }));
}

/** Adds the fallback channel's delivery once (a redelivered check adds nothing): true when added. */
export async function addFallbackDelivery(db: Db, notification: string, channel: Channel): Promise<boolean> {
  const rows = await db.all(sql`insert into deliveries (notification, channel, status, token, is_fallback) values (${notification}, ${channel}, 'queued', ${newToken()}, 1) on conflict do nothing returning channel`);
  return rows.length > 0;
}

/** Claims a queued delivery for sending: only one job ever wins it. */
export async function claim(db: Db, notification: string, channel: Channel): Promise<DeliveryRow | null> {
  const rows = await db.all<{ token: string }>(sql`update deliveries set status = 'sending' where notification = ${notification} and channel = ${channel} and status = 'queued' returning token`);
  if (!rows.length) return null;
  return (await deliveriesOf(db, notification)).find((d) => d.channel === channel) ?? null;
}

export async function finish(db: Db, notification: string, channel: Channel, status: "sent" | "failed" | "uncertain" | "skipped", detail: string | null, at: number): Promise<void> {
  await db.run(sql`update deliveries set status = ${status}, detail = ${detail}, sent_at = case when ${status} in ('sent', 'uncertain') then ${at} else sent_at end
    where notification = ${notification} and channel = ${channel} and status = 'sending'`);
}

export async function deliveryByToken(db: Db, token: string): Promise<(DeliveryRow & { user: number; link: string | null }) | null> {
  const rows = await db.all<{ notification: string; channel: Channel; user: number; link: string | null }>(sql`
    select d.notification as notification, d.channel as channel, n.user as user, n.link as link
    from deliveries d join notifications n on n.id = d.notification where d.token = ${token}`);
  const row = rows[0];
  if (!row) return null;
  const d = (await deliveriesOf(db, row.notification)).find((x) => x.channel === row.channel)!;
  return { ...d, user: row.user, link: row.link };
}

/**
 * A read on a channel, once per channel: the delivery becomes `read`, read feedback is stored
 * with whether it was the notification's first read, and the notification is marked read.
 * Answers whether this was new, and whether it was the first.
 */
export async function recordRead(db: Db, notification: string, channel: Channel, user: number, via: "button" | "reply" | "link", at: number): Promise<{ recorded: boolean; first: boolean }> {
  const d1 = db.$client;
  const [fb] = await d1.batch([
    d1
      .prepare("insert into read_feedback (user, notification, channel, first, via, at) select ?1, ?2, ?3, not exists (select 1 from read_feedback where notification = ?2), ?4, ?5 on conflict do nothing returning first")
      .bind(user, notification, channel, via, at),
    d1.prepare("update deliveries set status = 'read', read_at = ?3, first_read = (select first from read_feedback where notification = ?1 and channel = ?2) where notification = ?1 and channel = ?2 and read_at is null").bind(notification, channel, at),
    d1.prepare("update notifications set read_at = ?2 where id = ?1 and read_at is null").bind(notification, at),
  ]);
  const row = (fb?.results as { first: number }[] | undefined)?.[0];
  return { recorded: row !== undefined, first: row?.first === 1 };
}

export interface ChannelStat {
  channel: Channel;
  reads: number;
  firstReads: number;
  lastReadAt: number | null;
}

/**
 * Where `user` reads: reads and first reads per channel, over every bot's notifications,
 * counting only reads within the notification's read deadline from when it was sent
 * (countsForLearning in plan.ts; the default deadlines).
 */
export async function readStats(db: Db, user: number, deadlinesMs: Readonly<Record<Importance, number>> = DEFAULT_CONFIG.deadlinesMs): Promise<ChannelStat[]> {
  const d = deadlinesMs;
  const deadline = sql`case n.importance when 'low' then ${d.low} when 'normal' then ${d.normal} when 'high' then ${d.high} else ${d.urgent} end`;
  return db.all(sql`select f.channel as channel, count(*) as reads, sum(f.first) as firstReads, max(f.at) as lastReadAt
    from read_feedback f join notifications n on n.id = f.notification
    where f.user = ${user} and f.at - n.send_at <= ${deadline} group by f.channel`);
}

/** How many notifications `user` has received (accepted for them), from any bot. */
export async function receivedCount(db: Db, user: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from notifications where user = ${user}`);
  return row!.n;
}

/** The user's confirmed contact channels. */
export async function verifiedContacts(db: Db, user: number): Promise<Map<Channel, string>> {
  const rows = await db.all<{ channel: Channel; address: string }>(sql`select channel, address from contacts where user = ${user} and verified = 1`);
  return new Map(rows.map((r) => [r.channel, r.address]));
}

export interface Prefs {
  primary: Channel | null;
  secondary: Channel | null;
  quiet: { start: string; end: string; timeZone: string } | null;
}

export async function prefsOf(db: Db, user: number): Promise<Prefs> {
  const [row] = await db.all<{ primary: Channel | null; secondary: Channel | null; quietStart: string | null; quietEnd: string | null; timeZone: string | null }>(sql`
    select "primary" as "primary", secondary, quiet_start as quietStart, quiet_end as quietEnd, time_zone as timeZone from notification_prefs where user = ${user}`);
  if (!row) return { primary: null, secondary: null, quiet: null };
  return { primary: row.primary, secondary: row.secondary, quiet: row.quietStart && row.quietEnd && row.timeZone ? { start: row.quietStart, end: row.quietEnd, timeZone: row.timeZone } : null };
}

export async function savePrefs(db: Db, user: number, p: Prefs): Promise<void> {
  await db.run(sql`insert into notification_prefs (user, "primary", secondary, quiet_start, quiet_end, time_zone) values (${user}, ${p.primary}, ${p.secondary}, ${p.quiet?.start ?? null}, ${p.quiet?.end ?? null}, ${p.quiet?.timeZone ?? null})
    on conflict (user) do update set "primary" = excluded."primary", secondary = excluded.secondary, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, time_zone = excluded.time_zone`);
}

export async function botConfigJson(db: Db, bot: number): Promise<string | null> {
  const [row] = await db.all<{ config: string }>(sql`select config from notify_config where bot = ${bot}`);
  return row?.config ?? null;
}
