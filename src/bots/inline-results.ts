// An inline query's answer: the results a bot gives (answerInlineQuery's `results`, in
// Telegram's shapes) and what is kept of them: what the user is shown (title, description,
// thumbnail) and what choosing one posts (a text with its entities, or a photo with its
// caption, and buttons). Pure: the method's handler checks file ids against the bot's chats.
//
// Switchboard takes the results people meet most: InlineQueryResultArticle with
// InputTextMessageContent, InlineQueryResultPhoto (photo_url) and InlineQueryResultCachedPhoto
// (photo_file_id). Others are refused in Telegram's style.
import { z } from "zod";
import { checkOutboundUrl } from "../platform/outbound-url.ts";
import { MAX_LINK_LENGTH } from "../platform/safe-link.ts";
import { ok, refuse } from "../platform/result.ts";
import type { InlineButton, MessageEntity } from "../protocol/messages.ts";
import { formatted } from "./content.ts";
import { bool, entities, httpsLink, inlineKeyboardMarkup, int, json, link, linkPreviewOptions } from "./params.ts";
import type { BotResult } from "./reasons.ts";

/** Telegram's: "No more than 50 results per query are allowed". */
export const MAX_RESULTS = 50;
/** Telegram's: "Offset length can't exceed 64 bytes". */
const MAX_OFFSET_BYTES = 64;
/** Ours (Telegram documents none): what a results list has room to show. */
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 512;
/** Telegram's default cache_time; ours is the longest we keep an answer. */
export const DEFAULT_CACHE_SECONDS = 300;
const MAX_CACHE_SECONDS = 86_400;

const bytes = (s: string) => new TextEncoder().encode(s).length;

const resultId = z.string().refine((id) => bytes(id) >= 1 && bytes(id) <= 64, "RESULT_ID_INVALID");
const title = z.string().max(MAX_TITLE, `title: at most ${MAX_TITLE} characters`);
const description = z.string().max(MAX_DESCRIPTION, `description: at most ${MAX_DESCRIPTION} characters`);
/** A URL the platform itself fetches (checked against private addresses when the answer comes). */
const fetchedUrl = z.string().max(MAX_LINK_LENGTH);
const thumbnail = {
  thumbnail_url: fetchedUrl.optional(),
  thumbnail_width: int.optional(),
  thumbnail_height: int.optional(),
  // The names before Bot API 6.6, which older libraries (python-telegram-bot 13) still send.
  thumb_url: fetchedUrl.optional(),
  thumb_width: int.optional(),
  thumb_height: int.optional(),
};

const textContent = z.object({
  message_text: z
    .string({ error: "can't parse inline query result: only InputTextMessageContent (message_text) is supported as input_message_content" })
    .min(1, "MESSAGE_EMPTY")
    .max(4096, "MESSAGE_TOO_LONG"),
  parse_mode: z.string().max(16).optional(),
  entities: entities.optional(),
  link_preview_options: linkPreviewOptions.optional(),
  disable_web_page_preview: bool.optional(),
});

const article = z.object({
  type: z.literal("article"),
  id: resultId,
  title: title.min(1, "RESULT_TITLE_EMPTY"),
  input_message_content: textContent,
  reply_markup: inlineKeyboardMarkup.optional(),
  url: link.optional(),
  hide_url: bool.optional(),
  description: description.optional(),
  ...thumbnail,
});

const photo = z
  .object({
    type: z.literal("photo"),
    id: resultId,
    photo_url: fetchedUrl.optional(),
    photo_file_id: z.string().min(1).max(512).optional(),
    photo_width: int.optional(),
    photo_height: int.optional(),
    title: title.optional(),
    description: description.optional(),
    caption: z.string().max(1024, "MEDIA_CAPTION_TOO_LONG").optional(),
    parse_mode: z.string().max(16).optional(),
    caption_entities: entities.optional(),
    show_caption_above_media: bool.optional(),
    reply_markup: inlineKeyboardMarkup.optional(),
    input_message_content: textContent.optional(),
    ...thumbnail,
  })
  .superRefine((r, ctx) => {
    if ((r.photo_url === undefined) === (r.photo_file_id === undefined)) {
      ctx.addIssue({ code: "custom", message: "can't parse inline query result: a photo needs exactly one of photo_url and photo_file_id" });
    } else if (r.photo_url !== undefined && !(r.thumbnail_url ?? r.thumb_url)) {
      ctx.addIssue({ code: "custom", message: "can't parse inline query result: a photo_url result needs a thumbnail_url" });
    }
  });

const result = z.discriminatedUnion("type", [article, photo], {
  error: "can't parse inline query result: unsupported result type; Switchboard takes article and photo results",
});

export const inlineResults = json(
  z
    .array(result)
    .max(MAX_RESULTS, "RESULTS_TOO_MUCH")
    .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, "RESULT_ID_DUPLICATE"),
);

/** InlineQueryResultsButton: a button above the results, to the bot's chat or its Web App. */
export const resultsButton = json(
  z
    .object({
      text: z.string().min(1, "button text is empty").max(64),
      web_app: z.object({ url: httpsLink }).optional(),
      start_parameter: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "START_PARAM_INVALID").optional(),
    })
    .refine((b) => (b.web_app === undefined) !== (b.start_parameter === undefined), "can't parse inline query results button: it needs exactly one of web_app and start_parameter"),
);

export const nextOffset = z.string().refine((s) => bytes(s) <= MAX_OFFSET_BYTES, "NEXT_OFFSET_INVALID");

export type InlineResultInput = z.infer<typeof result>;

/** A photo: at a URL the platform fetches, or a file a bot already has. */
export type PhotoSource = { url: string } | { fileId: string };

/** One result as kept: what the user is shown, and what choosing it posts. */
export interface StoredResult {
  id: string;
  type: "article" | "photo";
  title?: string;
  description?: string;
  thumbnail?: PhotoSource;
  text: string;
  entities?: MessageEntity[];
  /** Absent for an article, and for a photo result whose input_message_content replaces the photo. */
  photo?: PhotoSource;
  replyMarkup?: { inline_keyboard: InlineButton[][] };
}

export interface ResultsButton {
  text: string;
  startParameter?: string;
  webAppUrl?: string;
}

export interface StoredAnswer {
  results: StoredResult[];
  nextOffset: string;
  button?: ResultsButton;
  /** Cached for the asking user only. */
  personal: boolean;
  cacheSeconds: number;
}

export interface AnswerInput {
  results: InlineResultInput[];
  cache_time?: number;
  is_personal?: boolean;
  next_offset?: string;
  button?: { text: string; web_app?: { url: string }; start_parameter?: string };
  switch_pm_text?: string;
  switch_pm_parameter?: string;
}

/**
 * The answer as kept: texts and captions parsed (parse_mode) and checked, URLs the platform
 * will fetch checked against private addresses. `allowLoopbackHttp` is for local development.
 */
export function storedAnswer(p: AnswerInput, opts: { allowLoopbackHttp: boolean }): BotResult<StoredAnswer> {
  const results: StoredResult[] = [];
  for (const r of p.results) {
    const one = storedResult(r, opts);
    if (!one.ok) return one;
    results.push(one.value);
  }
  const answer: StoredAnswer = {
    results,
    nextOffset: p.next_offset ?? "",
    personal: p.is_personal ?? false,
    cacheSeconds: Math.min(Math.max(p.cache_time ?? DEFAULT_CACHE_SECONDS, 0), MAX_CACHE_SECONDS),
  };
  if (p.button) {
    answer.button = { text: p.button.text, ...(p.button.start_parameter ? { startParameter: p.button.start_parameter } : {}), ...(p.button.web_app ? { webAppUrl: p.button.web_app.url } : {}) };
  } else if (p.switch_pm_text) {
    // The button's form before Bot API 6.7, which older libraries still send.
    answer.button = { text: p.switch_pm_text, startParameter: p.switch_pm_parameter ?? "" };
  }
  return ok(answer);
}

function storedResult(r: InlineResultInput, opts: { allowLoopbackHttp: boolean }): BotResult<StoredResult> {
  const thumbUrl = r.thumbnail_url ?? r.thumb_url;
  for (const url of [thumbUrl, r.type === "photo" ? r.photo_url : undefined]) {
    if (url !== undefined && !checkOutboundUrl(url, { allowLoopbackHttp: opts.allowLoopbackHttp, allowHttp: true }).ok) return refuse("bad_parameters", { detail: "WEBDOCUMENT_URL_INVALID" });
  }
  const out: StoredResult = { id: r.id, type: r.type, text: "" };
  if (r.title) out.title = r.title;
  if (r.description) out.description = r.description;
  if (r.reply_markup) out.replyMarkup = r.reply_markup;
  const content = r.input_message_content;
  const body: BotResult<{ text: string; entities?: MessageEntity[] }> = content ? formatted(content.message_text, content.parse_mode, content.entities) : r.type === "photo" && r.caption ? formatted(r.caption, r.parse_mode, r.caption_entities) : ok({ text: "" });
  if (!body.ok) return body;
  out.text = body.value.text;
  if (body.value.entities) out.entities = body.value.entities;
  if (r.type === "photo") {
    const source: PhotoSource = r.photo_file_id !== undefined ? { fileId: r.photo_file_id } : { url: r.photo_url! };
    out.thumbnail = thumbUrl ? { url: thumbUrl } : source;
    if (!content) out.photo = source;
  } else if (thumbUrl) {
    out.thumbnail = { url: thumbUrl };
  }
  return ok(out);
}

/** The file ids an answer names, which the bot must be able to read. */
export function fileIdsOf(answer: StoredAnswer): string[] {
  const ids = new Set<string>();
  for (const r of answer.results) for (const s of [r.photo, r.thumbnail]) if (s && "fileId" in s) ids.add(s.fileId);
  return [...ids];
}
