// What a chat tells a bot member; its BotActor turns these into Bot API updates.
import type { Poll, Sender, StoredMessage } from "../protocol/messages.ts";
import type { BotChat } from "./wire.ts";

/** A bot's standing in a chat, in the Bot API's words. */
export type BotStatus = "member" | "kicked" | "left";

export type BotEvent =
  | { type: "message" | "edited_message"; chat: BotChat; message: StoredMessage }
  | { type: "read"; chat: BotChat; by: Sender; messageId: number }
  | { type: "my_chat_member"; chat: BotChat; by: Sender; oldStatus: BotStatus; newStatus: BotStatus; payload?: string }
  | { type: "callback_query"; chat: BotChat; by: Sender; message: StoredMessage; data: string }
  /** A button pressed under a message sent via this bot (its inline result), in a chat the bot need not be in. */
  | { type: "inline_callback_query"; chatKey: string; by: Sender; messageId: number; data: string }
  /** A member answered (or, with no options, took back their answer in) a non-anonymous poll this bot sent. */
  | { type: "poll_answer"; chat: BotChat; by: Sender; pollId: string; optionIds: number[] }
  /** A poll this bot sent has new tallies, or was stopped. */
  | { type: "poll"; chat: BotChat; poll: Poll }
  /** A member changed their reactions to a message (emoji before and after). */
  | { type: "message_reaction"; chat: BotChat; by: Sender; messageId: number; date: number; oldEmoji: string[]; newEmoji: string[] };
