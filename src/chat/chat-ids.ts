// Chat identity, as in Telegram: a private chat's id is the peer's user id seen from each
// side; a group's id is negative. The actor key is the same for every member.

export type ChatKey = string;
export type ChatType = "private" | "group";

export function privateChatKey(a: number, b: number): ChatKey {
  return a < b ? `p:${a}:${b}` : `p:${b}:${a}`;
}

export function groupChatKey(groupId: number): ChatKey {
  return `g:${groupId}`;
}

export type ParsedChatKey =
  | { type: "private"; members: [number, number] }
  | { type: "group"; groupId: number };

export function parseChatKey(key: ChatKey): ParsedChatKey | null {
  const p = /^p:(\d+):(\d+)$/.exec(key);
  if (p) return { type: "private", members: [Number(p[1]), Number(p[2])] };
  const g = /^g:(\d+)$/.exec(key);
  if (g) return { type: "group", groupId: Number(g[1]) };
  return null;
}

/** The actor key of the chat `chatId` as `viewerId` names it, or null if it names none. */
export function chatKeyFor(viewerId: number, chatId: number): ChatKey | null {
  if (!Number.isSafeInteger(chatId) || chatId === 0) return null;
  if (chatId < 0) return groupChatKey(-chatId);
  if (chatId === viewerId) return null;
  return privateChatKey(viewerId, chatId);
}

/** The id under which `viewerId` sees the chat with actor key `key`. */
export function chatIdFor(viewerId: number, key: ChatKey): number {
  const parsed = parseChatKey(key);
  if (!parsed) throw new Error(`not a chat key: ${key}`);
  if (parsed.type === "group") return -parsed.groupId;
  const [a, b] = parsed.members;
  return a === viewerId ? b : a;
}
