// Notifications in the web app (ARCHITECTURE.md 4.3), the data shaping only: "Where you read"
// (GET /api/v1/me/channels and the preferences) and a bot owner's notification statistics
// (GET /api/v1/bots/{username}/notification-stats). Pure; Deno tests in notify-view.test.ts.
import type { Api } from "./api.ts";
import type { ChannelStats, ChannelsView, NotificationStats, NotifyChannel, QuietHoursView, RankedChannel } from "./types.ts";

export type { ChannelStats, ChannelsView, NotificationStats, RankedChannel };
export type QuietHours = QuietHoursView;

export const CHANNELS = ["in_app", "official_account", "sms", "email"] as const satisfies readonly NotifyChannel[];
export type Channel = NotifyChannel;

export const channelName: Record<Channel, string> = { in_app: "In the bot's chat", official_account: "Official account", sms: "SMS", email: "E-mail" };
/** The channel inside a sentence. */
const channelPhrase: Record<Channel, string> = { in_app: "the bot's chat", official_account: "the official account", sms: "SMS", email: "e-mail" };

export interface Preferences {
  primary: Channel | null;
  secondary: Channel | null;
  quietHours: QuietHours | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A bar's length, 0..1 of the largest value shown beside it (all zero: no bars). */
export function fraction(value: number, max: number): number {
  return max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
}

export interface ReadRow extends RankedChannel {
  name: string;
  /** Why it ranks here: "3 reads, 2 first reads → score 7", and "pinned as primary" when pinned. */
  why: string;
  bars: { reads: number; firstReads: number; importance: number };
  /** 1 primary, 2 secondary (once established, or pinned): what the slot means for a notification. */
  role: "primary" | "secondary" | null;
}

/** The ranked channels with their bars (each measure against its own largest) and reasons. */
export function readRows(view: ChannelsView): ReadRow[] {
  const rows = [...view.channels].sort((a, b) => a.rank - b.rank);
  const max = (k: "reads" | "firstReads" | "importance") => Math.max(0, ...rows.map((r) => r[k]));
  const [mr, mf, mi] = [max("reads"), max("firstReads"), max("importance")];
  return rows.map((r) => {
    // A new user gets every channel at once: no channel is primary yet, unless pinned.
    const role = !view.established && !r.pinned ? null : r.rank === 1 ? "primary" : r.rank === 2 ? "secondary" : null;
    const score = `${plural(r.reads, "read")}, ${plural(r.firstReads, "first read")} → score ${Math.round(r.importance * 100) / 100}`;
    return {
      ...r,
      name: channelName[r.channel] ?? r.channel,
      why: r.pinned ? `pinned as ${role ?? "a choice"} (${score})` : score,
      bars: { reads: fraction(r.reads, mr), firstReads: fraction(r.firstReads, mf), importance: fraction(r.importance, mi) },
      role,
    };
  });
}

/** What the mode means for the next notification. */
export function modeLine(view: ChannelsView, newUserThreshold = 5): string {
  if (view.channels.length === 0) return "No channel reaches you yet.";
  if (!view.established) {
    const left = Math.max(1, newUserThreshold - view.sent);
    return `Still learning: notifications go to every channel for now (${plural(left, "more notification")} until we rank them).`;
  }
  const [first, second] = readRows(view);
  return `Notifications go to ${channelPhrase[first!.channel]} first${second ? `, then to ${channelPhrase[second.channel]} if unread in time` : ""}.`;
}

/** Every IANA zone the browser knows, with `mine` (the browser's own) present and first. */
export function timeZoneChoices(known: readonly string[], mine: string | undefined): string[] {
  const rest = [...new Set(known)].filter((z) => z !== mine).sort();
  return mine ? [mine, ...rest] : rest;
}

/** "HH:MM" with hours 00-23 and minutes 00-59 (what the server accepts). */
export function isClock(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** A duration in seconds as people read it: 45 s, 12 min, 3.5 h, 2 d; null: "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  const s = Math.max(0, seconds);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round((s / 3600) * 10) / 10} h`;
  return `${Math.round((s / 86_400) * 10) / 10} d`;
}

export const MEASURES = [
  { key: "sent", label: "Sent" },
  { key: "read", label: "Read" },
  { key: "readWithinDeadline", label: "Read in time" },
  { key: "fallbacks", label: "Fallbacks" },
  { key: "failures", label: "Failures" },
] as const;
export type Measure = (typeof MEASURES)[number]["key"];

export interface StatsChart {
  channel: Channel;
  name: string;
  bars: { key: Measure; label: string; value: number; fraction: number }[];
  readRate: string;
  median: string;
}

/**
 * One chart per channel that saw any notification (all counts scaled to the largest count of
 * any channel, so charts compare), busiest first; empty when nothing was ever sent.
 */
export function statsCharts(stats: NotificationStats): StatsChart[] {
  const used = stats.channels.filter((c) => MEASURES.some((m) => c[m.key] > 0));
  const max = Math.max(0, ...used.flatMap((c) => MEASURES.map((m) => c[m.key])));
  return used
    .sort((a, b) => b.sent - a.sent || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel))
    .map((c) => ({
      channel: c.channel,
      name: channelName[c.channel] ?? c.channel,
      bars: MEASURES.map((m) => ({ key: m.key, label: m.label, value: c[m.key], fraction: fraction(c[m.key], max) })),
      readRate: c.sent > 0 ? `${Math.round((c.read / c.sent) * 100)}% read` : "none sent",
      median: formatDuration(c.medianTimeToReadS),
    }));
}

/** A dead letter's job in a line: its kind, notification and channel when it is a notify job, else its start. */
export function deadLetterLine(body: string): string {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    if (j && typeof j === "object" && typeof j.kind === "string") {
      const parts = [j.kind === "send" ? "Send" : j.kind === "check" ? "Fallback check" : j.kind];
      if (typeof j.notification === "string") parts.push(j.notification);
      if (typeof j.channel === "string") parts.push(`on ${channelName[j.channel as Channel] ?? j.channel}`);
      return parts.join(" · ");
    }
  } catch {
    // not JSON: shown as it is
  }
  return body.length > 120 ? `${body.slice(0, 119)}…` : body;
}

export class NotifyApi {
  constructor(private readonly api: Api) {}

  channels() {
    return this.api.request<ChannelsView>("GET", "/api/v1/me/channels");
  }
  preferences() {
    return this.api.request<{ preferences: Preferences }>("GET", "/api/v1/me/notification-preferences");
  }
  savePreferences(change: Partial<Preferences>) {
    return this.api.request<{ preferences: Preferences }>("PUT", "/api/v1/me/notification-preferences", change);
  }
  stats(username: string) {
    return this.api.request<NotificationStats>("GET", `/api/v1/bots/${encodeURIComponent(username)}/notification-stats`);
  }
}
