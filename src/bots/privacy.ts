// Privacy mode: in groups, a bot with privacy on sees only commands, mentions of it and
// replies to its own messages. In private chats it sees everything.

export function botSees(
  m: { text: string; fromId: number; replyToSenderId?: number },
  bot: { id: number; username: string; privacy: boolean },
  chatType: "private" | "group",
): boolean {
  if (chatType === "private" || !bot.privacy) return true;
  if (m.replyToSenderId === bot.id) return true;
  const text = m.text.toLowerCase();
  const name = bot.username.toLowerCase();
  if (text.includes(`@${name}`)) return true;
  const command = /^\/[a-z0-9_]+(@[a-z0-9_]+)?/i.exec(m.text);
  if (command) return !command[1] || command[1].slice(1).toLowerCase() === name;
  return false;
}
