// What a bot's call asks to send, made from its parameters. Pure.
import { ok, refuse } from "../platform/result.ts";
import type { MediaKind, MessageEntity, ReplyMarkup } from "../protocol/messages.ts";
import type { MediaFacts, StoredFile } from "../chat/media.ts";
import { isSafeLink } from "../platform/safe-link.ts";
import { parseMarkup } from "./markup.ts";
import type { Contact, ForwardOrigin, Location, Poll } from "../protocol/messages.ts";
import type { BotResult } from "./reasons.ts";
import { MAX_ENTITIES } from "./params.ts";

/** A file the HTTP edge already put in R2 under the target chat (with its facts and thumbnail). Only the edge makes these. */
export interface Upload extends StoredFile {
  key: string;
}

/**
 * A file to send: a file_id to copy, an upload (resolved before anything is stored), or an
 * http(s) URL to fetch, with the facts the bot stated for it (a video's duration ...).
 */
export type FileRef = { kind: MediaKind; fileId: string } | { kind: MediaKind; upload: Upload } | { kind: MediaKind; url: string; facts?: MediaFacts };

export type Content = {
  text: string;
  entities?: MessageEntity[];
  replyMarkup?: ReplyMarkup;
  replyTo?: number;
  /** Send without the reply when the message replied to is gone (allow_sending_without_reply). */
  replyOptional?: boolean;
  media?: FileRef;
  clientMsgId?: string;
  location?: Location;
  contact?: Contact;
  /** A forward's origin: who first sent it, when, and where. */
  forwardOrigin?: ForwardOrigin;
  /** A poll (sendPoll); the chat names it once stored. */
  poll?: Poll;
  /** protect_content: the message can't be forwarded or copied. */
  protectContent?: boolean;
};

/** Text with its entities: given outright, or parsed from `parse_mode`. */
export function formatted(text: string, parseMode?: string, entities?: MessageEntity[]): BotResult<{ text: string; entities?: MessageEntity[] }> {
  const parsed = entities ? { ok: true as const, text, entities } : parseMarkup(text, parseMode);
  if (!parsed.ok) return refuse("cant_parse_entities", { detail: parsed.reason });
  const wrong = entityProblem(parsed.text, parsed.entities);
  if (wrong) return refuse("cant_parse_entities", { detail: `can't parse entities: ${wrong}` });
  return ok(parsed.entities.length ? { text: parsed.text, entities: parsed.entities } : { text: parsed.text });
}

/**
 * What is wrong with a message's entities, given or parsed, or null: each lies inside the
 * text, there are at most MAX_ENTITIES, and a link's target is one every client may open.
 */
export function entityProblem(text: string, entities: MessageEntity[]): string | null {
  if (entities.length > MAX_ENTITIES) return `a message holds at most ${MAX_ENTITIES} entities`;
  for (const [i, e] of entities.entries()) {
    if (e.offset < 0 || e.length < 1 || e.offset + e.length > text.length) return `entity ${i} is outside the text`;
    if (e.type === "text_link" && !(e.url && isSafeLink(e.url))) return `entity ${i} has an unsupported URL`;
  }
  return null;
}

/**
 * Buttons, the message replied to, and protect_content; `allow_sending_without_reply` (on its
 * own, or inside reply_parameters) sends the message without the reply when that message is gone.
 */
export function extras(p: {
  reply_markup?: ReplyMarkup;
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
  reply_to_message_id?: number;
  allow_sending_without_reply?: boolean;
  protect_content?: boolean;
}) {
  const out: Pick<Content, "replyMarkup" | "replyTo" | "replyOptional" | "protectContent"> = {};
  if (p.reply_markup) out.replyMarkup = p.reply_markup;
  if (p.protect_content) out.protectContent = true;
  const replyTo = p.reply_parameters?.message_id ?? p.reply_to_message_id;
  if (replyTo !== undefined) out.replyTo = replyTo;
  if (replyTo !== undefined && (p.allow_sending_without_reply || p.reply_parameters?.allow_sending_without_reply)) out.replyOptional = true;
  return out;
}

/** A file parameter: "upload://<field>" names a file the edge stored, an http(s) URL a file to fetch; anything else is a file_id. */
export function fileRef(value: string, kind: MediaKind, uploads: Record<string, Upload>, facts?: MediaFacts): BotResult<FileRef> {
  const field = /^upload:\/\/(\w+)$/.exec(value)?.[1];
  if (/^https?:\/\//i.test(value)) return ok({ kind, url: value, ...(facts && Object.keys(facts).length ? { facts } : {}) });
  if (field === undefined) return ok({ kind, fileId: value });
  const upload = uploads[field];
  return upload ? ok({ kind, upload }) : refuse("no_file_in_request");
}

/** A schedule's or broadcast's content: a text, or a file with an optional caption. */
export function contentOf(
  p: { text?: string; caption?: string; parse_mode?: string; entities?: MessageEntity[]; reply_markup?: ReplyMarkup },
  media: FileRef | undefined,
): BotResult<Content> {
  const body = p.text ?? p.caption;
  if (!body && !media) return refuse("text_empty");
  let content: Content = { text: "" };
  if (body) {
    const f = formatted(body, p.parse_mode, p.entities);
    if (!f.ok) return f;
    content = f.value;
  }
  if (p.reply_markup) content.replyMarkup = p.reply_markup;
  if (media) content.media = media;
  return ok(content);
}
