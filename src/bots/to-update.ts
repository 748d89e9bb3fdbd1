// A chat's event, as the Bot API update a bot receives. Pure: the actor decides beforehand
// what needs storing (cursors, subscribers, callback ids) and passes in what it decided.
import type { Sender } from "../protocol/messages.ts";
import type { BotEvent } from "./events.ts";
import { botSees } from "./privacy.ts";
import type { BotProfile } from "./settings.ts";
import { tgChat, tgMessage, tgPoll, tgUser } from "./wire.ts";

export type Update = Record<string, unknown>;

/** What the actor decided for a callback_query: its id, and the opaque ids of its chat and message (opaque-ids.ts). */
export interface CallbackIds {
  callbackId: string;
  chatInstance: string;
  inlineMessageId?: string;
}

/** `callback`: what the actor decided for a callback_query. Null: the bot does not see this event. */
export function toUpdate(me: BotProfile, e: BotEvent, opts: { privacy: boolean; now: number; callback?: CallbackIds }): Update | null {
  const bot: Sender = { id: me.id, handle: me.username, displayName: me.name, isBot: true };
  switch (e.type) {
    case "message":
    case "edited_message": {
      const m = e.message;
      if (m.from.id === me.id) return null;
      const seen = { text: m.text, fromId: m.from.id, ...(m.replyToMessage ? { replyToSenderId: m.replyToMessage.from.id } : {}) };
      // Service messages (a pin's notice) reach every bot, privacy mode or not, as in Telegram.
      if (!m.pinnedMessage && !botSees(seen, { id: me.id, username: me.username, privacy: opts.privacy }, e.chat.type)) return null;
      const message = tgMessage(m, e.chat, me.id);
      return { [e.type]: message };
    }
    case "read":
      return { message_read: { chat: tgChat(e.chat), from: tgUser(e.by), message_id: e.messageId, date: opts.now } };
    case "my_chat_member":
      return {
        my_chat_member: {
          chat: tgChat(e.chat),
          from: tgUser(e.by),
          date: opts.now,
          old_chat_member: { user: tgUser(bot), status: e.oldStatus },
          new_chat_member: { user: tgUser(bot), status: e.newStatus },
        },
      };
    case "inline_callback_query":
      return {
        callback_query: { id: opts.callback?.callbackId ?? "", from: tgUser(e.by), inline_message_id: opts.callback?.inlineMessageId ?? "", chat_instance: opts.callback?.chatInstance ?? "", data: e.data },
      };
    case "callback_query":
      return {
        callback_query: { id: opts.callback?.callbackId ?? "", from: tgUser(e.by), message: tgMessage(e.message, e.chat, me.id), chat_instance: opts.callback?.chatInstance ?? "", data: e.data },
      };
    case "poll_answer":
      return { poll_answer: { poll_id: e.pollId, user: tgUser(e.by), option_ids: e.optionIds } };
    case "poll":
      return { poll: tgPoll(e.poll, true) }; // only the poll's own bot is told
    case "message_reaction": {
      const reactions = (emoji: string[]) => emoji.map((x) => ({ type: "emoji", emoji: x }));
      return {
        message_reaction: {
          chat: tgChat(e.chat),
          message_id: e.messageId,
          user: tgUser(e.by),
          date: e.date,
          old_reaction: reactions(e.oldEmoji),
          new_reaction: reactions(e.newEmoji),
        },
      };
    }
  }
}

/** The update's type: its one key besides update_id. */
export function updateType(u: Update): string {
  return Object.keys(u)[0]!;
}
