// The building blocks of the Bot API's parameter schemas (each area of methods/ composes
// its methods' schemas from these). Parameters arrive as JSON values or, from forms and
// query strings, as strings: numbers, booleans and JSON-serialized objects are accepted
// either way, as Telegram accepts them.
import { z } from "zod";
import { parseBoundedJson } from "../platform/bounded-json.ts";
import { isSafeLink, MAX_LINK_LENGTH } from "../platform/safe-link.ts";
import { ENTITY_TYPES } from "../protocol/messages.ts";

const telegramSentences = new Set<string>();

/**
 * Marks an error message as Telegram's own sentence ("wrong poll type specified"): the bot gets
 * it as Telegram words it, "Bad Request: <words>", without the field's name before it.
 */
export function tgWords(words: string): string {
  telegramSentences.add(words);
  return words;
}

/** Whether a schema's error message is one of Telegram's own sentences (see `tgWords`). */
export const isTelegramSentence = (message: string): boolean => telegramSentences.has(message);

export const int = z.union([z.number().int(), z.string().regex(/^-?\d{1,16}$/, "must be an integer").transform(Number)]);
/** Telegram reads a boolean's text in any letter case (python-telegram-bot 13 sends "True" and "False"), and "yes" as true. */
export const bool = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false|yes|no|1|0)$/i, "must be a boolean")
    .transform((v) => /^(true|yes|1)$/i.test(v)),
]);

/**
 * A JSON-serialized parameter: the object itself, or its JSON text. The text is parsed first
 * and the value checked by `schema` alone, so its own words reach the bot ("RESULTS_TOO_MUCH",
 * not a union's "Invalid input").
 */
export function json<S extends z.ZodType>(schema: S) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== "string") return value;
    const parsed = parseBoundedJson(value);
    if (parsed === undefined) ctx.addIssue({ code: "custom", message: "can't parse JSON" });
    return parsed;
  }, schema);
}

/** A link others will open: http(s), tg or mailto only (platform/safe-link.ts). */
export const link = z.string().max(MAX_LINK_LENGTH).refine(isSafeLink, "URL must be an http(s), tg or mailto link");

// Every list a bot can send has a bound. Telegram's where it documents one: at most 8 buttons
// a row and 100 in all for inline keyboards, 12 a row for reply keyboards, 100 commands.
const INLINE_ROW = 8;
const INLINE_BUTTONS = 100;
const REPLY_ROW = 12;
const REPLY_BUTTONS = 300; // ours: Telegram documents no total for reply keyboards
/** Ours: Telegram documents no number; a message needs far fewer, and clients draw each one. */
export const MAX_ENTITIES = 100;

const buttons = (max: number) => (rows: unknown[][]) => rows.reduce((n, row) => n + row.length, 0) <= max;

/** A link the platform opens in a browser on the user's behalf: https only, as Telegram requires for Web Apps and logins. The one check of it. */
export const httpsLink = link.refine((u) => u.toLowerCase().startsWith("https://"), "URL must be an HTTPS link");
/** An inline query a button puts in the composer: Telegram's 256 characters. */
const switchQuery = z.string().max(256, "inline query is too long");

/** What an inline button does: exactly one of these, as in the Bot API. */
export const INLINE_BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

export const inlineButton = z
  .object({
    text: z.string().min(1, "button text is empty").max(64),
    callback_data: z.string().min(1).max(64, "BUTTON_DATA_INVALID").optional(),
    url: link.optional(),
    web_app: z.object({ url: httpsLink }).optional(),
    login_url: z
      .object({
        url: httpsLink,
        forward_text: z.string().max(256).optional(),
        bot_username: z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{1,31}$/, "bot_username is invalid").optional(),
        request_write_access: z.boolean().optional(),
      })
      .optional(),
    switch_inline_query: switchQuery.optional(),
    switch_inline_query_current_chat: switchQuery.optional(),
    switch_inline_query_chosen_chat: z
      .object({
        query: switchQuery.optional(),
        allow_user_chats: z.boolean().optional(),
        allow_bot_chats: z.boolean().optional(),
        allow_group_chats: z.boolean().optional(),
        allow_channel_chats: z.boolean().optional(),
      })
      .optional(),
    copy_text: z.object({ text: z.string().min(1, "copy_text text is empty").max(256, "copy_text text is too long") }).optional(),
    // Taken only to be refused in Telegram's words below: there are no games or payments here.
    callback_game: z.unknown().optional(),
    pay: z.unknown().optional(),
  })
  .superRefine((b, ctx) => {
    const problem = inlineButtonProblem(b);
    if (problem) ctx.addIssue({ code: "custom", message: `can't parse inline keyboard button: ${problem}` });
  })
  .transform(({ callback_game: _game, pay: _pay, ...b }) => b);

/** What is wrong with a button's actions, or null: it needs exactly one, and one Switchboard has. Pure. */
export function inlineButtonProblem(b: Partial<Record<(typeof INLINE_BUTTON_ACTIONS)[number], unknown>>): string | null {
  const given = INLINE_BUTTON_ACTIONS.filter((a) => b[a] !== undefined);
  if (given.length === 0) return "Text buttons are unallowed in the inline keyboard";
  if (given.length > 1) return `a button must have exactly one action, not ${given.join(" and ")}`;
  if (given[0] === "callback_game") return "game buttons are unsupported: Switchboard has no games";
  if (given[0] === "pay") return "pay buttons are unsupported: Switchboard has no payments";
  if (given[0] === "switch_inline_query_chosen_chat") {
    const c = b.switch_inline_query_chosen_chat as { allow_user_chats?: boolean; allow_bot_chats?: boolean; allow_group_chats?: boolean; allow_channel_chats?: boolean };
    if (!c.allow_user_chats && !c.allow_bot_chats && !c.allow_group_chats && !c.allow_channel_chats) return "switch_inline_query_chosen_chat must allow some chats";
  }
  return null;
}

/** Buttons under a message (InlineKeyboardMarkup): also what an inline query result carries. */
export const inlineKeyboardMarkup = z.object({
  inline_keyboard: z
    .array(z.array(inlineButton).max(INLINE_ROW))
    .max(INLINE_BUTTONS)
    .refine(buttons(INLINE_BUTTONS), `an inline keyboard holds at most ${INLINE_BUTTONS} buttons`),
});

export const replyMarkup = json(
  z.union([
    inlineKeyboardMarkup,
    z.object({
      keyboard: z
        .array(z.array(z.union([z.string().max(4096).transform((text) => ({ text })), z.object({ text: z.string().min(1).max(4096) })])).max(REPLY_ROW))
        .max(REPLY_BUTTONS)
        .refine(buttons(REPLY_BUTTONS), `a keyboard holds at most ${REPLY_BUTTONS} buttons`),
      resize_keyboard: z.boolean().optional(),
      one_time_keyboard: z.boolean().optional(),
      is_persistent: z.boolean().optional(),
      input_field_placeholder: z.string().max(64).optional(),
    }),
    z.object({ remove_keyboard: z.literal(true) }),
    z.object({ force_reply: z.literal(true), input_field_placeholder: z.string().max(64).optional() }),
  ]),
);

export const entities = json(
  z.array(
    z.object({
      type: z.enum(ENTITY_TYPES),
      offset: z.number().int().min(0).max(65_536),
      length: z.number().int().min(1).max(65_536),
      url: link.optional(),
      language: z.string().max(64).optional(),
      // text_mention names a user; a bot echoing a message's entities sends Telegram's User back.
      user: z.object({ id: z.number().int(), is_bot: z.boolean().optional(), first_name: z.string().max(256), username: z.string().max(64).optional() }).passthrough()
        .transform((u) => ({ id: u.id, displayName: u.first_name, ...(u.username ? { handle: u.username } : {}), ...(u.is_bot ? { isBot: true } : {}) })).optional(),
      custom_emoji_id: z.string().max(64).optional(),
    }),
  ).max(MAX_ENTITIES, `a message holds at most ${MAX_ENTITIES} entities`),
);

export const chatId = z.union([int, z.string().regex(/^@\w+$/, "must be an integer or @username")]);
export const replyParameters = json(z.object({ message_id: int, chat_id: chatId.optional(), allow_sending_without_reply: bool.optional() }));

// Accepted for compatibility and not acted on; only its known fields pass, so a bot cannot
// park an arbitrary value here.
export const linkPreviewOptions = json(
  z.object({
    is_disabled: bool.optional(),
    url: z.string().max(MAX_LINK_LENGTH).optional(),
    prefer_small_media: bool.optional(),
    prefer_large_media: bool.optional(),
    show_above_text: bool.optional(),
  }),
);

export const sendCommon = {
  chat_id: chatId,
  parse_mode: z.string().max(16).optional(),
  reply_markup: replyMarkup.optional(),
  reply_parameters: replyParameters.optional(),
  reply_to_message_id: int.optional(),
  disable_notification: bool.optional(),
  protect_content: bool.optional(),
  message_thread_id: int.optional(),
  allow_sending_without_reply: bool.optional(),
  link_preview_options: linkPreviewOptions.optional(),
  disable_web_page_preview: bool.optional(),
};

export const text = z.string().min(1, "message text is empty").max(4096, "message is too long");
export const caption = z.string().max(1024, "message caption is too long").optional();

/** A file to send: a file_id to reuse, or "upload://<field>" for a part the HTTP edge stored. */
export const inputFile = z.string().min(1, "there is no file in the request").max(512);

// Ours: Telegram names about 20 update types, so a longer list has repeats or made-up names.
export const allowedUpdates = json(z.array(z.string().max(64)).max(20));
