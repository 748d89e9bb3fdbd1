// The Bot API's parameters, as zod schemas. Parameters arrive as JSON values or, from forms
// and query strings, as strings: numbers, booleans and JSON-serialized objects are accepted
// either way, as Telegram accepts them.
import { z } from "zod";
import { parseBoundedJson } from "../platform/bounded-json.ts";
import { isSafeLink, MAX_LINK_LENGTH } from "../platform/safe-link.ts";
import { ok, refuse } from "../platform/result.ts";
import type { BotResult } from "./reasons.ts";

const int = z.union([z.number().int(), z.string().regex(/^-?\d{1,16}$/, "must be an integer").transform(Number)]);
const bool = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")]);

/** A JSON-serialized parameter: the object itself, or its JSON text. */
function json<S extends z.ZodType>(schema: S) {
  return z.union([
    schema,
    z.string().transform((text, ctx) => {
      const value = parseBoundedJson(text);
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: "can't parse JSON" });
        return z.NEVER;
      }
      return value as unknown;
    }).pipe(schema),
  ]);
}

/** A link others will open: http(s), tg or mailto only (platform/safe-link.ts). */
const link = z.string().max(MAX_LINK_LENGTH).refine(isSafeLink, "URL must be an http(s), tg or mailto link");

// Every list a bot can send has a bound. Telegram's where it documents one: at most 8 buttons
// a row and 100 in all for inline keyboards, 12 a row for reply keyboards, 100 commands.
const INLINE_ROW = 8;
const INLINE_BUTTONS = 100;
const REPLY_ROW = 12;
const REPLY_BUTTONS = 300; // ours: Telegram documents no total for reply keyboards
/** Ours: Telegram documents no number; a message needs far fewer, and clients draw each one. */
export const MAX_ENTITIES = 100;

const buttons = (max: number) => (rows: unknown[][]) => rows.reduce((n, row) => n + row.length, 0) <= max;

const inlineButton = z
  .object({
    text: z.string().min(1, "button text is empty").max(64),
    callback_data: z.string().min(1).max(64, "BUTTON_DATA_INVALID").optional(),
    url: link.optional(),
  })
  .refine((b) => (b.callback_data === undefined) !== (b.url === undefined), "a button needs exactly one of callback_data and url");

export const replyMarkup = json(
  z.union([
    z.object({
      inline_keyboard: z
        .array(z.array(inlineButton).max(INLINE_ROW))
        .max(INLINE_BUTTONS)
        .refine(buttons(INLINE_BUTTONS), `an inline keyboard holds at most ${INLINE_BUTTONS} buttons`),
    }),
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
      type: z.enum(["bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link", "blockquote"]),
      offset: z.number().int().min(0).max(65_536),
      length: z.number().int().min(1).max(65_536),
      url: link.optional(),
      language: z.string().max(64).optional(),
    }),
  ).max(MAX_ENTITIES, `a message holds at most ${MAX_ENTITIES} entities`),
);

const chatId = z.union([int, z.string().regex(/^@\w+$/, "must be an integer or @username")]);
const replyParameters = json(z.object({ message_id: int, chat_id: chatId.optional(), allow_sending_without_reply: bool.optional() }));

// Accepted for compatibility and not acted on; only its known fields pass, so a bot cannot
// park an arbitrary value here.
const linkPreviewOptions = json(
  z.object({
    is_disabled: bool.optional(),
    url: z.string().max(MAX_LINK_LENGTH).optional(),
    prefer_small_media: bool.optional(),
    prefer_large_media: bool.optional(),
    show_above_text: bool.optional(),
  }),
);

/** Which users' command list (accepted, not acted on: every user sees the same commands). */
const commandScope = json(z.object({ type: z.string().max(64), chat_id: chatId.optional(), user_id: int.optional() }));

const sendCommon = {
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

const text = z.string().min(1, "message text is empty").max(4096, "message is too long");
const caption = z.string().max(1024, "message caption is too long").optional();

/** A file to send: a file_id to reuse, or "upload://<field>" for a part the HTTP edge stored. */
export const inputFile = z.string().min(1, "there is no file in the request").max(512);

// Ours: Telegram names about 20 update types, so a longer list has repeats or made-up names.
const allowedUpdates = json(z.array(z.string().max(64)).max(20));

export const paramSchemas = {
  getMe: z.object({}),
  logOut: z.object({}),
  close: z.object({}),
  getUpdates: z.object({
    offset: int.optional(),
    limit: int.pipe(z.number().min(1).max(100)).optional(),
    timeout: int.pipe(z.number().min(0)).optional(),
    allowed_updates: allowedUpdates.optional(),
  }),
  setWebhook: z.object({
    // No url, or an empty one, removes the webhook, as in Telegram (libraries switching to polling call it so).
    url: z.string().max(2048).optional(),
    secret_token: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "secret token contains unallowed characters").optional(),
    max_connections: int.pipe(z.number().min(1).max(100)).optional(),
    allowed_updates: allowedUpdates.optional(),
    drop_pending_updates: bool.optional(),
    ip_address: z.string().max(64).optional(),
    // certificate (a self-signed certificate to trust) is not taken: webhooks need a public one.
  }),
  deleteWebhook: z.object({ drop_pending_updates: bool.optional() }),
  getWebhookInfo: z.object({}),
  sendMessage: z.object({ ...sendCommon, text, entities: entities.optional() }),
  sendPhoto: z.object({ ...sendCommon, photo: inputFile, caption, caption_entities: entities.optional() }),
  sendDocument: z.object({ ...sendCommon, document: inputFile, caption, caption_entities: entities.optional() }),
  sendVoice: z.object({ ...sendCommon, voice: inputFile, caption, caption_entities: entities.optional() }),
  sendVideo: z.object({ ...sendCommon, video: inputFile, caption, caption_entities: entities.optional() }),
  sendAudio: z.object({ ...sendCommon, audio: inputFile, caption, caption_entities: entities.optional() }),
  getFile: z.object({ file_id: z.string().min(1) }),
  editMessageText: z.object({
    chat_id: chatId,
    message_id: int,
    text,
    parse_mode: z.string().max(16).optional(),
    entities: entities.optional(),
    reply_markup: replyMarkup.optional(),
    link_preview_options: linkPreviewOptions.optional(),
    disable_web_page_preview: bool.optional(),
  }),
  editMessageReplyMarkup: z.object({ chat_id: chatId, message_id: int, reply_markup: replyMarkup.optional() }),
  deleteMessage: z.object({ chat_id: chatId, message_id: int }),
  answerCallbackQuery: z.object({
    callback_query_id: z.string().min(1),
    text: z.string().max(200).optional(),
    show_alert: bool.optional(),
    url: link.optional(),
    cache_time: int.optional(),
  }),
  sendChatAction: z.object({
    chat_id: chatId,
    // Telegram's actions; anything else is "wrong parameter action in request", as there.
    action: z.enum(
      ["typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"],
      { error: "wrong parameter action in request" },
    ),
    message_thread_id: int.optional(),
  }),
  setMyCommands: z.object({
    commands: json(
      z
        .array(
          z.object({
            command: z.string().regex(/^[a-z0-9_]{1,32}$/, "command must be 1-32 lowercase letters, digits or _"),
            description: z.string().min(1).max(256),
          }),
        )
        .max(100),
    ),
    scope: commandScope.optional(),
    language_code: z.string().max(8).optional(),
  }),
  getMyCommands: z.object({ scope: commandScope.optional(), language_code: z.string().max(8).optional() }),
  deleteMyCommands: z.object({ scope: commandScope.optional(), language_code: z.string().max(8).optional() }),
  getChat: z.object({ chat_id: chatId }),
  // Switchboard extensions
  scheduleMessage: z.object({
    ...sendCommon,
    text: text.optional(),
    photo: inputFile.optional(),
    document: inputFile.optional(),
    entities: entities.optional(),
    send_at: int,
  }),
  getScheduledMessages: z.object({ chat_id: chatId.optional() }),
  deleteScheduledMessage: z.object({ scheduled_message_id: int }),
  broadcastMessage: z.object({
    text: text.optional(),
    photo: inputFile.optional(),
    document: inputFile.optional(),
    caption,
    parse_mode: z.string().max(16).optional(),
    entities: entities.optional(),
    reply_markup: replyMarkup.optional(),
    send_at: int.optional(),
    dedup_key: z.string().min(1).max(128).optional(),
  }),
  getBroadcast: z.object({ broadcast_id: int }),
} as const;

export type MethodName = keyof typeof paramSchemas;
export type Params<M extends MethodName> = z.infer<(typeof paramSchemas)[M]>;

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(paramSchemas, name);
}

const byLowerCase = new Map(Object.keys(paramSchemas).map((m) => [m.toLowerCase(), m as MethodName]));

/** The method a name calls: "All methods in the Bot API are case-insensitive" (Telegram), so `setWebHook` is `setWebhook`. */
export function methodNamed(name: string): MethodName | null {
  return byLowerCase.get(name.toLowerCase()) ?? null;
}

/** A call with only its method's known parameters, parsed: what may cross into a BotActor. */
export type ParsedCall = { [M in MethodName]: { method: M; params: Params<M> } }[MethodName];

/**
 * The one way a Bot API call's parameters are read, wherever the call came from (the HTTP
 * edge, a webhook's answer): unknown parameters are dropped here, before anything travels
 * over RPC, and known ones take their schema's shape and bounds.
 */
export function parseCall(name: string, raw: Record<string, unknown>): BotResult<ParsedCall> {
  const method = methodNamed(name);
  if (!method) return refuse("method_not_found");
  const parsed = paramSchemas[method].safeParse(raw);
  if (!parsed.success) return refuse("bad_parameters", { detail: badRequest(parsed.error, raw) });
  return ok({ method, params: parsed.data } as ParsedCall);
}

/** What is wrong with the parameters, in Telegram's style ("<field>: <problem>", "<field> is empty"). */
export function badRequest(error: z.ZodError, raw: Record<string, unknown> = {}): string {
  const issue = error.issues[0];
  if (!issue) return "invalid parameters";
  const field = issue.path.join(".");
  const top = issue.path[0];
  const missing = typeof top === "string" && issue.path.length === 1 && (raw[top] === undefined || raw[top] === "");
  // Telegram's words for the commonest mistakes: "message text is empty", "chat_id is empty".
  if (field === "text" && (missing || issue.code === "too_small")) return "message text is empty";
  if (missing) return `${field} is empty`;
  if (field === "action") return issue.message;
  return `${field ? `${field}: ` : ""}${issue.message}`;
}
