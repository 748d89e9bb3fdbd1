// What a bot's call asks to send, made from its parameters. Pure.
import { ok, refuse } from "../platform/result.ts";
import type { MediaKind, MessageEntity, ReplyMarkup } from "../protocol/messages.ts";
import { parseMarkup } from "./markup.ts";
import type { BotResult } from "./reasons.ts";

/** A file the HTTP edge already put in R2 under the target chat. Only the edge makes these. */
export interface Upload {
  key: string;
  fileId: string;
  mime: string;
  size: number;
  name: string;
}

/** A file to send: a file_id to copy, or an upload (resolved before anything is stored). */
export type FileRef = { kind: MediaKind; fileId: string } | { kind: MediaKind; upload: Upload };

export type Content = {
  text: string;
  entities?: MessageEntity[];
  replyMarkup?: ReplyMarkup;
  replyTo?: number;
  media?: FileRef;
  clientMsgId?: string;
};

/** Text with its entities: given outright, or parsed from `parse_mode`. */
export function formatted(text: string, parseMode?: string, entities?: MessageEntity[]): BotResult<{ text: string; entities?: MessageEntity[] }> {
  if (entities) return ok({ text, entities });
  const parsed = parseMarkup(text, parseMode);
  if (!parsed.ok) return refuse("cant_parse_entities", { detail: parsed.reason });
  return ok(parsed.entities.length ? { text: parsed.text, entities: parsed.entities } : { text: parsed.text });
}

/** Buttons and the message replied to. */
export function extras(p: { reply_markup?: ReplyMarkup; reply_parameters?: { message_id: number }; reply_to_message_id?: number }) {
  const out: Pick<Content, "replyMarkup" | "replyTo"> = {};
  if (p.reply_markup) out.replyMarkup = p.reply_markup;
  const replyTo = p.reply_parameters?.message_id ?? p.reply_to_message_id;
  if (replyTo !== undefined) out.replyTo = replyTo;
  return out;
}

/** A file parameter: "upload://<field>" names a file the edge stored; anything else is a file_id. */
export function fileRef(value: string, kind: MediaKind, uploads: Record<string, Upload>): BotResult<FileRef> {
  const field = /^upload:\/\/(\w+)$/.exec(value)?.[1];
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
