// What bots and members do to messages besides sending them: polls (sendPoll, stopPoll),
// reactions (setMessageReaction) and pins (pinChatMessage, unpinChatMessage,
// unpinAllChatMessages). Telegram's parameters; its checks are in poll-input.ts and the chat's
// rules, its words in tg-errors.ts.
import { z } from "zod";
import { botReactionList } from "../../chat/reaction-rules.ts";
import { ok, refuse } from "../../platform/result.ts";
import { extras, formatted } from "../content.ts";
import { bool, chatId, entities, int, json, replyMarkup, sendCommon, tgWords } from "../params.ts";
import { pollFrom } from "../poll-input.ts";
import type { BotResult } from "../reasons.ts";
import { done } from "../sending.ts";
import { tgPoll } from "../wire.ts";
import type { Handlers } from "./context.ts";

// Bounds before Telegram's own checks (poll-input.ts), so nothing unbounded is parsed further.
const pollText = z.string().max(1024);
/** An answer option: Telegram's InputPollOption, or a plain string as older libraries send. */
const pollOption = z.union([
  pollText,
  z.object({ text: pollText, text_parse_mode: z.string().max(16).optional(), text_entities: entities.optional() }).transform((o) => o.text),
]);
/** Telegram's ReactionType: only emoji reactions are taken (custom and paid ones are refused as REACTION_INVALID). */
const reactionType = z.object({ type: z.string().max(32), emoji: z.string().max(32).optional(), custom_emoji_id: z.string().max(64).optional() });
const businessConnection = z.string().max(128).optional();

export const schemas = {
  sendPoll: z.object({
    ...sendCommon,
    question: pollText.default(""),
    question_parse_mode: z.string().max(16).optional(),
    question_entities: entities.optional(),
    options: json(z.array(pollOption).max(100)).default([]),
    is_anonymous: bool.optional(),
    type: z.enum(["regular", "quiz"], { error: tgWords("wrong poll type specified") }).optional(),
    allows_multiple_answers: bool.optional(),
    correct_option_id: int.optional(),
    explanation: pollText.optional(),
    explanation_parse_mode: z.string().max(16).optional(),
    explanation_entities: entities.optional(),
    open_period: int.optional(),
    close_date: int.optional(),
    is_closed: bool.optional(),
    business_connection_id: businessConnection,
  }),
  stopPoll: z.object({ chat_id: chatId, message_id: int, reply_markup: replyMarkup.optional(), business_connection_id: businessConnection }),
  setMessageReaction: z.object({
    chat_id: chatId,
    message_id: int,
    reaction: json(z.array(reactionType).max(100)).optional(),
    is_big: bool.optional(),
  }),
  pinChatMessage: z.object({ chat_id: chatId, message_id: int, disable_notification: bool.optional(), business_connection_id: businessConnection }),
  unpinChatMessage: z.object({ chat_id: chatId, message_id: int.optional(), business_connection_id: businessConnection }),
  unpinAllChatMessages: z.object({ chat_id: chatId }),
} as const;

const now = () => Math.floor(Date.now() / 1000);

/** Plain text from a text with a parse mode (a poll's question and explanation keep no formatting). */
function plain(text: string | undefined, parseMode?: string): BotResult<string | undefined> {
  if (text === undefined) return ok(undefined);
  const f = formatted(text, parseMode);
  return f.ok ? ok(f.value.text) : f;
}

export const handlers: Handlers<typeof schemas> = {
  sendPoll: async (bot, p) => {
    const question = plain(p.question, p.question_parse_mode);
    if (!question.ok) return question;
    const explanation = plain(p.explanation, p.explanation_parse_mode);
    if (!explanation.ok) return explanation;
    const made = pollFrom(
      {
        question: question.value ?? "",
        options: p.options,
        ...(p.is_anonymous !== undefined ? { is_anonymous: p.is_anonymous } : {}),
        ...(p.type ? { type: p.type } : {}),
        ...(p.allows_multiple_answers !== undefined ? { allows_multiple_answers: p.allows_multiple_answers } : {}),
        ...(p.correct_option_id !== undefined ? { correct_option_id: p.correct_option_id } : {}),
        ...(explanation.value !== undefined ? { explanation: explanation.value } : {}),
        ...(p.open_period !== undefined ? { open_period: p.open_period } : {}),
        ...(p.close_date !== undefined ? { close_date: p.close_date } : {}),
        ...(p.is_closed !== undefined ? { is_closed: p.is_closed } : {}),
      },
      now(),
    );
    if (!made.ok) return refuse("bad_parameters", { detail: made.problem });
    return bot.sending.send(p.chat_id, { text: "", poll: made.poll, ...extras(p) });
  },
  // reply_markup is taken and not applied: the stopped poll keeps the buttons it had.
  stopPoll: async (bot, p) => {
    const r = await bot.sending.act(p.chat_id, "stop_poll", (chat, botId) => chat.stopPoll(botId, p.message_id));
    return r.ok ? ok(tgPoll(r.value, true)) : r; // the bot's own poll
  },
  // is_big only changes how Telegram's apps animate the reaction.
  setMessageReaction: (bot, p) => {
    const emoji = botReactionList(p.reaction ?? []);
    if (emoji === "invalid") return refuse("reaction_invalid");
    if (emoji === "too_many") return refuse("reactions_too_many");
    return bot.sending.act(p.chat_id, "react", (chat, botId) => chat.setReactions(botId, p.message_id, emoji)).then(done);
  },
  pinChatMessage: (bot, p) => bot.sending.act(p.chat_id, "pin", (chat, botId) => chat.pin(botId, p.message_id)).then(done),
  // A message_id of 0, like none, means the latest pinned message, as in Telegram.
  unpinChatMessage: (bot, p) =>
    bot.sending.act(p.chat_id, "unpin", (chat, botId) => chat.unpin(botId, p.message_id ? p.message_id : undefined)).then(done),
  unpinAllChatMessages: (bot, p) => bot.sending.act(p.chat_id, "unpin", (chat, botId) => chat.unpinAll(botId)).then(done),
};
