// Inline mode in the composer, as Telegram's clients do it: a message that starts with a
// bot's username and a space ("@catbot tabby") is a query to that bot, not text to send.
// Pure, so the rules are tested beside it.

/** Telegram's longest inline query. */
export const MAX_INLINE_QUERY = 256;

export interface InlineTyped {
  /** The bot's username, as typed (usernames match in any letter case). */
  username: string;
  query: string;
}

/**
 * The inline query the composer holds, or null. Bots' usernames end in "bot"; the space after
 * the username is what starts the query, so "@catbot" alone is still a mention being typed.
 */
export function parseInlineQuery(text: string): InlineTyped | null {
  const m = /^@([A-Za-z][A-Za-z0-9_]{1,28}bot) ([\s\S]*)$/i.exec(text);
  if (!m) return null;
  return { username: m[1]!, query: m[2]!.slice(0, MAX_INLINE_QUERY) };
}

/** What a switch_inline_query button puts in the composer. */
export function inlineText(username: string, query: string): string {
  return `@${username} ${query}`;
}

/** Which chats a switch_inline_query_chosen_chat button lets the user pick (all, for switch_inline_query). */
export function chatAllowed(
  filter: { allow_user_chats?: boolean; allow_bot_chats?: boolean; allow_group_chats?: boolean; allow_channel_chats?: boolean } | undefined,
  chat: { type: "private" | "group"; isBot: boolean },
): boolean {
  if (!filter) return true;
  if (chat.type === "group") return !!filter.allow_group_chats;
  return chat.isBot ? !!filter.allow_bot_chats : !!filter.allow_user_chats;
}
