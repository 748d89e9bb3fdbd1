// Albums in the message list: consecutive messages of one sender sharing a mediaGroupId are
// shown as one bubble. Durations as players show them. Pure.
import type { Message } from "./types.ts";

/** The list's rows: each a message alone, or an album's messages in order. */
export function groupAlbums(messages: Message[]): Message[][] {
  const rows: Message[][] = [];
  for (const m of messages) {
    const last = rows[rows.length - 1];
    const head = last?.[0];
    if (head && m.mediaGroupId && head.mediaGroupId === m.mediaGroupId && head.from.id === m.from.id) last.push(m);
    else rows.push([m]);
  }
  return rows;
}

/** "0:07", "12:30", "1:02:03". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}
