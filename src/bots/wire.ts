// Switchboard's messages and chats in the Bot API's wire shapes.
import { textFromBase64Url, textToBase64Url } from "../platform/crypto.ts";
import { tgContentFields, tgEntities } from "./wire-content.ts";
import { tgMedia } from "./wire-media.ts";
import type { Media, Poll, Sender, StoredMessage } from "../protocol/messages.ts";

export interface BotChat {
  /** The chat as the bot names it: the peer's user id, or the negative group id. */
  id: number;
  key: string;
  type: "private" | "group";
  title: string;
  peer?: Sender;
}

export function tgUser(s: Sender) {
  return { id: s.id, is_bot: s.isBot ?? false, first_name: s.displayName, username: s.handle };
}

export function tgChat(c: BotChat) {
  if (c.type === "group") return { id: c.id, type: "group" as const, title: c.title };
  return { id: c.id, type: "private" as const, first_name: c.peer?.displayName ?? c.title, username: c.peer?.handle };
}


/** A file id names the chat the file lives in and the file; bots pass it back to reuse it. */
export function fileIdOf(chatKey: string, media: Pick<Media, "fileId">): string {
  return textToBase64Url(`${chatKey}/${media.fileId}`);
}

export function parseFileId(fileId: string): { chatKey: string; fileId: string } | null {
  try {
    const raw = textFromBase64Url(fileId);
    const m = /^([pg]:[\d:]+)\/([0-9a-f-]{36})$/.exec(raw);
    return m ? { chatKey: m[1]!, fileId: m[2]! } : null;
  } catch {
    return null;
  }
}

/** `viewerId`: the bot the message is shown to (a quiz's answer is its sender's to see). */
export function tgMessage(m: StoredMessage, chat: BotChat, viewerId: number): Record<string, unknown> {
  const out: Record<string, unknown> = { message_id: m.id, from: tgUser(m.from), chat: tgChat(chat), date: m.date };
  if (m.media) {
    Object.assign(out, tgMedia(chat.key, m.media));
    if (m.text) out.caption = m.text;
    if (m.entities?.length) out.caption_entities = tgEntities(m.entities);
  } else {
    out.text = m.text;
    if (m.entities?.length) out.entities = tgEntities(m.entities);
  }
  if (m.location || m.contact) delete out.text; // a location's or a contact's message has no text
  Object.assign(out, tgContentFields(m));
  if (m.poll) {
    delete out.text; // a poll's message has no text
    out.poll = tgPoll(m.poll, quizAnswerShown(m.poll, m.from.id, chat, viewerId));
  }
  if (m.pinnedMessage) {
    delete out.text; // a service message
    // A pinned message since deleted is Telegram's InaccessibleMessage: its chat, its id, date 0.
    out.pinned_message = m.pinnedMessage.date === 0 ? { chat: tgChat(chat), message_id: m.pinnedMessage.id, date: 0 } : tgMessage(m.pinnedMessage, chat, viewerId);
  }
  if (m.mediaGroupId) out.media_group_id = m.mediaGroupId;
  if (m.replyToMessage) out.reply_to_message = tgMessage(m.replyToMessage, chat, viewerId);
  if (m.editDate) out.edit_date = m.editDate;
  if (m.replyMarkup && "inline_keyboard" in m.replyMarkup) out.reply_markup = m.replyMarkup;
  if (m.viaBot) out.via_bot = tgUser(m.viaBot);
  if (m.protectContent) out.has_protected_content = true;
  return out;
}

/**
 * Whether a quiz's correct option and explanation are shown, as Telegram shows them: once the
 * quiz is closed, to the bot that sent it, and in the private chat with the bot.
 */
export function quizAnswerShown(p: Poll, senderId: number, chat: Pick<BotChat, "type">, viewerId: number): boolean {
  return p.isClosed || senderId === viewerId || chat.type === "private";
}

/** Telegram's Poll: the tallies as counted when the message was read; a quiz's answer only where `answerShown`. */
export function tgPoll(p: Poll, answerShown: boolean) {
  const out: Record<string, unknown> = {
    id: p.id,
    question: p.question,
    options: p.options.map((o) => ({ text: o.text, voter_count: o.voterCount })),
    total_voter_count: p.totalVoterCount,
    is_closed: p.isClosed,
    is_anonymous: p.isAnonymous,
    type: p.type,
    allows_multiple_answers: p.allowsMultipleAnswers,
  };
  if (answerShown && p.correctOptionId !== undefined) out.correct_option_id = p.correctOptionId;
  if (answerShown && p.explanation) out.explanation = p.explanation;
  if (p.openPeriod !== undefined) out.open_period = p.openPeriod;
  if (p.closeDate !== undefined) out.close_date = p.closeDate;
  return out;
}
