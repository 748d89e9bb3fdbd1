// Reactions, as Telegram allows them: which emoji, how many per member, what a toggle does,
// and how a message's reactions are summed up for members. Pure.
import type { Reaction } from "../protocol/messages.ts";
import type { ChatType } from "../protocol/events.ts";
import type { Role } from "./roles.ts";

/** Telegram's reaction emoji (ReactionTypeEmoji), written without variation selectors, as Telegram writes them. */
export const REACTION_EMOJI: readonly string[] = [
  "👍", "👎", "❤", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩", "🤮", "💩", "🙏", "👌", "🕊", "🤡",
  "🥱", "🥴", "😍", "🐳", "\u2764\u200D\u{1F525}", "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋",
  "🖕", "😈", "😴", "😭", "🤓", "👻", "\u{1F468}\u200D\u{1F4BB}", "👀", "🎃", "🙈", "😇", "😨", "🤝", "✍", "🤗", "🫡", "🎅",
  "🎄", "☃", "💅", "🤪", "🗿", "🆒", "💘", "🙉", "🦄", "😘", "💊", "🙊", "😎", "👾", "\u{1F937}\u200D\u2642", "🤷",
  "\u{1F937}\u200D\u2640", "😡",
];

const allowed = new Set(REACTION_EMOJI);

/**
 * How many different emoji one member may put on one message: Telegram's limit for accounts
 * without Premium (and for bots), 1. A member's new emoji replaces the one they had.
 */
export const MAX_REACTIONS_PER_MEMBER = 1;

/** At most this many reactors are named per emoji (the count is always whole); the viewer is always among them when they reacted. */
export const MAX_NAMED_REACTORS = 50;

/** The emoji as Telegram names it: "❤️" (with the emoji variation selector) is "❤". */
export function reactionEmoji(text: string): string | null {
  const e = text.replaceAll("\uFE0F", "");
  return allowed.has(e) ? e : null;
}

/**
 * A member's reactions after they toggle `emoji`: taken away when they had it, added when
 * they did not, the oldest dropped past the limit.
 */
export function toggled(mine: string[], emoji: string, limit = MAX_REACTIONS_PER_MEMBER): string[] {
  if (mine.includes(emoji)) return mine.filter((e) => e !== emoji);
  return [...mine, emoji].slice(-limit);
}

/**
 * A message's reactions from its rows (in the order they were made): one entry per emoji, the
 * most used first (ties: the earliest first), naming at most MAX_NAMED_REACTORS of its
 * reactors, the viewer always among them.
 */
export function summarize(rows: { userId: number; emoji: string }[], viewerId?: number): Reaction[] {
  const byEmoji = new Map<string, { count: number; userIds: number[] }>();
  for (const r of rows) {
    const entry = byEmoji.get(r.emoji) ?? { count: 0, userIds: [] };
    entry.count++;
    if (entry.userIds.length < MAX_NAMED_REACTORS) entry.userIds.push(r.userId);
    else if (r.userId === viewerId) entry.userIds[MAX_NAMED_REACTORS - 1] = r.userId;
    byEmoji.set(r.emoji, entry);
  }
  return [...byEmoji.entries()]
    .map(([emoji, e], order) => ({ emoji, count: e.count, userIds: e.userIds, order }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ emoji, count, userIds }) => ({ emoji, count, userIds }));
}

/**
 * Whether a bot member hears of a member's reaction change (message_reaction), Telegram's
 * rule: not of reactions bots set; in groups only as an administrator. (It must also ask for
 * message_reaction in allowed_updates, which its own actor checks.)
 */
export function botHearsReaction(chatType: ChatType, botRole: Role, reactorIsBot: boolean): boolean {
  if (reactorIsBot) return false;
  return chatType === "private" || botRole === "owner" || botRole === "admin";
}

/**
 * The emoji a bot's setMessageReaction names (Telegram's ReactionType list), or why Telegram
 * refuses it: a custom or paid reaction, or an emoji outside the set, is "invalid"; more than
 * one different emoji is "too_many" (bots have the limit of accounts without Premium).
 */
export function botReactionList(types: { type: string; emoji?: string }[]): string[] | "invalid" | "too_many" {
  const emoji: string[] = [];
  for (const t of types) {
    const e = t.type === "emoji" && t.emoji !== undefined ? reactionEmoji(t.emoji) : null;
    if (!e) return "invalid";
    if (!emoji.includes(e)) emoji.push(e);
  }
  return emoji.length > MAX_REACTIONS_PER_MEMBER ? "too_many" : emoji;
}
