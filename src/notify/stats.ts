// A bot owner's notification statistics (issue 10 point 8): per channel, how many went out,
// were read, were read within the importance's read deadline (deadlinesMs: DEFAULT_CONFIG in
// plan.ts or the bot's override in notify_config), were fallbacks, failed, and the median
// time from send to read; and the bot's newest dead letters. D1 only; served by stats-routes.ts.
import { sql } from "drizzle-orm";
import type { Db } from "../platform/d1.ts";
import { DEFAULT_CONFIG, parseConfig, type NotifyConfig } from "./plan.ts";
import { CHANNELS, type Channel } from "./schema.ts";
import { botConfigJson } from "./store.ts";

import type { ChannelStats, NotificationStats } from "../protocol/notify.ts";


/** At most this many dead letters, newest first; each body cut to this many characters. */
export const DEAD_LETTERS_SHOWN = 50;
export const DEAD_LETTER_BODY_MAX = 2000;

/** The bot's planning config: its override when it parses, else the defaults (as sending does). */
async function configOf(db: Db, bot: number): Promise<NotifyConfig> {
  const parsed = parseConfig(await botConfigJson(db, bot));
  return parsed.ok ? parsed.config : (DEFAULT_CONFIG as NotifyConfig);
}

export async function notificationStats(db: Db, bot: number): Promise<NotificationStats> {
  const t = (await configOf(db, bot)).deadlinesMs;
  const deadline = sql`case n.importance when 'low' then ${t.low} when 'normal' then ${t.normal} when 'high' then ${t.high} else ${t.urgent} end`;
  const [counts, medians, letters] = await Promise.all([
    db.all<{ channel: Channel; sent: number; read: number; readWithinDeadline: number; fallbacks: number; failures: number }>(sql`
      select d.channel as channel,
        sum(d.sent_at is not null) as sent,
        sum(d.read_at is not null) as read,
        sum(d.read_at is not null and d.read_at - coalesce(d.sent_at, n.send_at) <= ${deadline}) as readWithinDeadline,
        sum(d.is_fallback = 1) as fallbacks,
        sum(d.status = 'failed') as failures
      from deliveries d join notifications n on n.id = d.notification
      where n.bot = ${bot} group by d.channel`),
    // The median per channel: the middle row (or the two middle rows' mean) of the ordered times.
    db.all<{ channel: Channel; medianMs: number }>(sql`
      select channel, avg(ms) as medianMs from (
        select d.channel as channel, max(0, d.read_at - coalesce(d.sent_at, n.send_at)) as ms,
          row_number() over (partition by d.channel order by max(0, d.read_at - coalesce(d.sent_at, n.send_at))) as rn,
          count(*) over (partition by d.channel) as cnt
        from deliveries d join notifications n on n.id = d.notification
        where n.bot = ${bot} and d.read_at is not null)
      where rn in ((cnt + 1) / 2, cnt / 2 + 1) group by channel`),
    db.all<NotificationStats["deadLetters"][number]>(sql`select id, at, substr(body, 1, ${DEAD_LETTER_BODY_MAX}) as body from dead_letters where bot = ${bot} order by id desc limit ${DEAD_LETTERS_SHOWN}`),
  ]);
  const byChannel = new Map(counts.map((r) => [r.channel, r]));
  const median = new Map(medians.map((r) => [r.channel, r.medianMs]));
  return {
    channels: CHANNELS.map((channel) => {
      const r = byChannel.get(channel);
      const ms = median.get(channel);
      return {
        channel,
        sent: r?.sent ?? 0,
        read: r?.read ?? 0,
        readWithinDeadline: r?.readWithinDeadline ?? 0,
        fallbacks: r?.fallbacks ?? 0,
        failures: r?.failures ?? 0,
        medianTimeToReadS: ms === undefined || ms === null ? null : Math.round(ms / 100) / 10,
      };
    }),
    deadLetters: letters,
  };
}
