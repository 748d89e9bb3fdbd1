// Small display helpers.
import type { MediaKind, Message } from "./types.ts";

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** A message time for the bubble: always the clock time. */
export function clock(unixSeconds: number): string {
  return time.format(new Date(unixSeconds * 1000));
}

/** A compact time for the chat list: clock today, weekday this week, date otherwise. */
export function listTime(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return time.format(d);
  if (now.getTime() - d.getTime() < 6 * 86400_000) return weekday.format(d);
  return day.format(d);
}

/** The label of the separator between days in a chat. */
export function dayLabel(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return "Today";
  const y = new Date(now);
  y.setDate(now.getDate() - 1);
  if (d.toDateString() === y.toDateString()) return "Yesterday";
  return longDay.format(d);
}

export function dayKey(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toDateString();
}

/** One line for the chat list. */
export function preview(m: Message): string {
  if (m.media) {
    const labels: Record<MediaKind, string> = { image: "Photo", voice: "Voice message", audio: "Audio", video: "Video", file: m.media.name, sticker: "Sticker", animation: "GIF", video_note: "Video message" };
    const label = labels[m.media.kind];
    return m.text ? `${label} · ${m.text}` : label;
  }
  if (m.location) return "Location";
  if (m.contact) return `Contact · ${[m.contact.firstName, m.contact.lastName].filter(Boolean).join(" ")}`;
  if (m.poll) return `${m.poll.type === "quiz" ? "Quiz" : "Poll"} · ${m.poll.question}`;
  if (m.pinnedMessage) return `${m.from.displayName} pinned ${pinnedLabel(m.pinnedMessage)}`;
  return m.text;
}

/** What a pin's notice names: the pinned message, quoted, or "a deleted message" once it is gone (date 0, as Telegram's InaccessibleMessage). */
export function pinnedLabel(pinned: Message): string {
  return pinned.date === 0 ? "a deleted message" : `“${preview(pinned) || "a message"}”`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/** A stable, calm hue per id for avatars. */
export function hue(id: number): number {
  return (Math.abs(id) * 47) % 360;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
