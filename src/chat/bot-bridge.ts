// The bridge from a chat to its bot members: the chat as a bot names it, and which of the
// events members receive a bot is told of (pure); and what people do to a bot there
// (BotBridge): press its inline buttons, block it.
import type { BotEvent } from "../bots/events.ts";
import type { BotChat } from "../bots/wire.ts";
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { ClientEvent } from "../protocol/events.ts";
import type { Sender } from "../protocol/messages.ts";
import type { ChatKey } from "./chat-ids.ts";
import type { Fanout } from "./fanout.ts";
import { readToken } from "../notify/read-button.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import type { Membership } from "./membership.ts";

type Act<T> = Promise<Result<T, ChatReason>>;

/** The chat as a bot sees it: a group by its title, a private chat by its peer. */
export function botChatView(chat: { key: ChatKey; id: number; type: "private" | "group"; title: string }, peer: Sender | null): BotChat {
  if (chat.type === "group") return { id: chat.id, key: chat.key, type: "group", title: chat.title };
  const view: BotChat = { id: chat.id, key: chat.key, type: "private", title: peer?.displayName ?? "" };
  if (peer) view.peer = { id: peer.id, handle: peer.handle, displayName: peer.displayName };
  return view;
}

/** What bot `botId` is told of a member event; null for events bots do not get. */
export function toBotEvent(botId: number, e: ClientEvent, chat: BotChat, memberOf: (id: number) => Sender | null): BotEvent | null {
  switch (e.type) {
    case "message":
      return { type: "message", chat, message: e.message };
    case "message_edited":
      return { type: "edited_message", chat, message: e.message };
    case "read": {
      const by = memberOf(e.userId);
      return by && e.userId !== botId ? { type: "read", chat, by, messageId: e.messageId } : null;
    }
    default:
      return null;
  }
}

export class BotBridge {
  constructor(
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly identity: ChatIdentity,
    private readonly membership: Membership,
    private readonly fanout: Fanout,
  ) {}

  /** A user presses an inline button under a bot's message: the bot gets a callback_query. */
  async press(userId: number, messageId: number, data: string): Act<{ botId: number; readToken?: string }> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    const rows = m.replyMarkup && "inline_keyboard" in m.replyMarkup ? m.replyMarkup.inline_keyboard : [];
    // A message sent via a bot (its inline result) has that bot's buttons; the bot need not be a member.
    const bot = m.viaBot ?? this.members.get(m.from.id);
    if (!bot?.isBot || !rows.flat().some((b) => b.callback_data === data)) return refuse("no_such_button");
    // A notification's read button is the platform's, not the bot's: no callback_query.
    const token = readToken(data);
    if (token && m.from.id === bot.id) return ok({ botId: bot.id, readToken: token });
    if (m.viaBot) await this.fanout.tellBot(bot.id, { type: "inline_callback_query", chatKey: this.identity.key()!, by: me, messageId: m.id, data });
    else await this.fanout.tellBot(bot.id, { type: "callback_query", chat: this.membership.viewFor(bot.id), by: me, message: m, data });
    return ok({ botId: bot.id });
  }

  /** A user blocks (or unblocks) the bot of this private chat; the bot hears of it as my_chat_member. */
  async setBlocked(userId: number, blocked: boolean): Act<{ botId: number }> {
    const me = this.members.get(userId);
    if (!me) return refuse("not_member");
    const bot = this.identity.type() === "private" ? this.members.get(this.identity.idFor(userId)) : null;
    if (!bot?.isBot) return refuse("not_bot_chat");
    const was = this.members.blockedBot(bot.id);
    if (was !== blocked) {
      this.members.setBlocked(userId, blocked);
      await this.membership.tellBot(bot.id, me, was ? "kicked" : "member", blocked ? "kicked" : "member");
    }
    return ok({ botId: bot.id });
  }
}
