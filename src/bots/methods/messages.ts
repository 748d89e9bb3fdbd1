// Messages made from other messages or from structured content: forwards and copies,
// locations and contacts.
import { z } from "zod";
import { copyOf, forwardOf, idsProblem, MAX_RELAYED, type Relayed, type SourceChat } from "../../chat/forwarding.ts";
import { ok, refuse } from "../../platform/result.ts";
import type { StoredMessage } from "../../protocol/messages.ts";
import { extras, formatted, type Content } from "../content.ts";
import { bool, caption, chatId, entities, int, json, replyMarkup, replyParameters, sendCommon, tgWords } from "../params.ts";
import { fromChatRefusal, type BotReason, type BotResult } from "../reasons.ts";
import type { TgMessage } from "../sending.ts";
import { fileIdOf } from "../wire.ts";
import type { BotContext, Handlers } from "./context.ts";

/** A number as JSON gives it, or as a form or query string writes it ("55.75", "-3e1"). */
const float = z.union([
  z.number(),
  z
    .string()
    .trim()
    .max(64)
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/, "must be a number")
    .transform(Number),
]).pipe(z.number().finite("must be a finite number"));

// Checked in the handler, so the answers are Telegram's words ("message identifiers are not specified").
const messageIds = json(z.array(int).max(1000, tgWords("too many message identifiers specified")));

const relayCommon = {
  chat_id: chatId,
  from_chat_id: chatId,
  message_thread_id: int.optional(),
  disable_notification: bool.optional(),
  protect_content: bool.optional(),
};

/** vCard text is bounded in bytes, as Telegram bounds it. */
const MAX_VCARD_BYTES = 2048;
const MAX_ACCURACY = 1500;

export const schemas = {
  forwardMessage: z.object({ ...relayCommon, message_id: int, video_start_timestamp: int.optional() }),
  forwardMessages: z.object({ ...relayCommon, message_ids: messageIds.optional() }),
  copyMessage: z.object({
    ...relayCommon,
    message_id: int,
    caption,
    parse_mode: z.string().max(16).optional(),
    caption_entities: entities.optional(),
    show_caption_above_media: bool.optional(),
    reply_parameters: replyParameters.optional(),
    reply_to_message_id: int.optional(),
    allow_sending_without_reply: bool.optional(),
    reply_markup: replyMarkup.optional(),
    video_start_timestamp: int.optional(),
    allow_paid_broadcast: bool.optional(),
  }),
  copyMessages: z.object({ ...relayCommon, message_ids: messageIds.optional(), remove_caption: bool.optional() }),
  sendLocation: z.object({
    ...sendCommon,
    latitude: float,
    longitude: float,
    horizontal_accuracy: float.optional(),
    // Live locations are not supported: these are accepted and ignored, and a static location is sent.
    live_period: int.optional(),
    heading: int.optional(),
    proximity_alert_radius: int.optional(),
  }),
  sendContact: z.object({
    ...sendCommon,
    phone_number: z.string().min(1).max(64),
    first_name: z.string().min(1).max(64),
    last_name: z.string().max(64).optional(),
    vcard: z
      .string()
      .max(MAX_VCARD_BYTES)
      .refine((v) => new TextEncoder().encode(v).length <= MAX_VCARD_BYTES, `vcard must be at most ${MAX_VCARD_BYTES} bytes`)
      .optional(),
  }),
} as const;

type Originals = { key: string; messages: StoredMessage[]; source: SourceChat };

const refusals = {
  forward: { notFound: "message_to_forward_not_found", protectedContent: "message_cant_be_forwarded" },
  copy: { notFound: "message_to_copy_not_found", protectedContent: "message_cant_be_copied" },
} as const satisfies Record<string, Record<string, BotReason>>;

/**
 * The messages to forward or copy, as the bot may read them: the bot must be in the chat it
 * sends to and in the chat the messages come from. Ids naming no message are skipped, as
 * Telegram skips them, and so are messages sent with protect_content; none left is refused.
 */
async function originals(bot: BotContext, p: { chat_id: number | string; from_chat_id: number | string }, ids: number[], act: keyof typeof refusals): Promise<BotResult<Originals>> {
  const botId = bot.settings.profile().id;
  const target = bot.sending.chat(p.chat_id);
  if (!target.ok) return target;
  const from = bot.sending.chat(p.from_chat_id);
  if (!from.ok) return from;
  if (!(await target.value.chat.isMember(botId))) return refuse(fromChatRefusal("not_member", Number(p.chat_id), "send"));
  const found = await from.value.chat.originals(botId, ids);
  if (!found.ok) return refuse("chat_not_found"); // a chat the bot is not in is one it cannot see
  const messages = found.value.messages.filter((m) => !m.protectContent);
  if (!messages.length) return refuse(found.value.messages.length ? refusals[act].protectedContent : refusals[act].notFound);
  return ok({ key: from.value.key, source: found.value.source, messages });
}

/** What posting `r` again asks of the bot's sending; its file is copied from the source chat. */
function contentOf(r: Relayed, sourceKey: string): Content {
  const { media, ...rest } = r;
  return { ...rest, ...(media ? { media: { kind: media.kind, fileId: fileIdOf(sourceKey, media) } } : {}) };
}

/**
 * Posts each message in order. A refusal before anything was sent is the answer; after that
 * (the chat's rate limit, say) the messages sent so far are, so a retry need not repeat them.
 */
async function postAll(bot: BotContext, chatId: number | string, contents: Content[]): Promise<BotResult<TgMessage[]>> {
  const sent: TgMessage[] = [];
  for (const content of contents) {
    const r = await bot.sending.send(chatId, content);
    if (!r.ok) return sent.length ? ok(sent) : r;
    sent.push(r.value);
  }
  return ok(sent);
}

function checkedIds(ids: number[] | undefined): BotResult<number[]> {
  const problem = idsProblem(ids ?? []);
  return problem ? refuse("bad_parameters", { detail: problem }) : ok(ids!.slice(0, MAX_RELAYED));
}

const messageId = (m: TgMessage) => ({ message_id: m.message_id as number });

export const handlers: Handlers<typeof schemas> = {
  forwardMessage: async (bot, p) => {
    const o = await originals(bot, p, [p.message_id], "forward");
    if (!o.ok) return o;
    return bot.sending.send(p.chat_id, { ...contentOf(forwardOf(o.value.messages[0]!, o.value.source), o.value.key), ...extras(p) });
  },
  forwardMessages: async (bot, p) => {
    const ids = checkedIds(p.message_ids);
    if (!ids.ok) return ids;
    const o = await originals(bot, p, ids.value, "forward");
    if (!o.ok) return o;
    const sent = await postAll(bot, p.chat_id, o.value.messages.map((m) => ({ ...contentOf(forwardOf(m, o.value.source), o.value.key), ...extras(p) })));
    return sent.ok ? ok(sent.value.map(messageId)) : sent;
  },
  copyMessage: async (bot, p) => {
    let newCaption: { text: string; entities?: StoredMessage["entities"] } | undefined;
    if (p.caption !== undefined) {
      const f = formatted(p.caption, p.parse_mode, p.caption_entities);
      if (!f.ok) return f;
      newCaption = f.value;
    }
    const o = await originals(bot, p, [p.message_id], "copy");
    if (!o.ok) return o;
    const content = contentOf(copyOf(o.value.messages[0]!, newCaption), o.value.key);
    const sent = await bot.sending.send(p.chat_id, { ...content, ...extras(p) });
    return sent.ok ? ok(messageId(sent.value)) : sent;
  },
  copyMessages: async (bot, p) => {
    const ids = checkedIds(p.message_ids);
    if (!ids.ok) return ids;
    const o = await originals(bot, p, ids.value, "copy");
    if (!o.ok) return o;
    const contents = o.value.messages.map((m) => ({ ...contentOf(copyOf(m, p.remove_caption ? "remove" : undefined), o.value.key), ...extras(p) }));
    const sent = await postAll(bot, p.chat_id, contents);
    return sent.ok ? ok(sent.value.map(messageId)) : sent;
  },
  sendLocation: (bot, p) => {
    // Telegram's range; an accuracy past 1500 m is taken as 1500, and 0 or less as none, as Telegram does.
    if (Math.abs(p.latitude) > 90 || Math.abs(p.longitude) > 180) return refuse("wrong_location");
    const accuracy = Math.min(p.horizontal_accuracy ?? 0, MAX_ACCURACY);
    const location = { latitude: p.latitude, longitude: p.longitude, ...(accuracy > 0 ? { horizontalAccuracy: accuracy } : {}) };
    return bot.sending.send(p.chat_id, { text: "", location, ...extras(p) });
  },
  sendContact: (bot, p) => {
    const contact = { phoneNumber: p.phone_number, firstName: p.first_name, ...(p.last_name ? { lastName: p.last_name } : {}), ...(p.vcard ? { vcard: p.vcard } : {}) };
    return bot.sending.send(p.chat_id, { text: "", contact, ...extras(p) });
  },
};
