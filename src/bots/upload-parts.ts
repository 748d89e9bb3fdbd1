// Which file parts a Bot API call takes, and the checks each passes before anything is
// stored. A taken part crosses into the actor only as an upload, named "upload://<name>" in
// the parameters: no parameter can pose as an upload, since the actor is told of uploads
// apart from the parameters. Every other part is dropped unread.
import { imageSize, pictureProblem } from "../chat/image-size.ts";
import { checkUpload, effectiveMime, type MediaFacts } from "../chat/media.ts";
import type { Thumbnail } from "../chat/thumbnail.ts";
import { contentMatches, SNIFF_BYTES } from "../chat/sniff.ts";
import { ok, refuse } from "../platform/result.ts";
import type { MediaKind } from "../protocol/messages.ts";
import { inputMediaKinds, type InputMediaType } from "./album.ts";
import type { BotResult } from "./reasons.ts";
import type { MethodName, ParsedCall } from "./schemas.ts";

/** A kind in words, with its article ("an audio file", not "a audio"). */
const kindWords: Record<MediaKind, string> = {
  image: "an image",
  voice: "a voice message",
  audio: "an audio file",
  video: "a video",
  file: "a file",
  sticker: "a sticker",
  animation: "an animation",
  video_note: "a video note",
};

/** A file part a call takes, stored as `uploads[name]`, with what the bot stated of it and its thumbnail's part. */
export interface FilePart {
  name: string;
  kind: MediaKind;
  file: File;
  stated: MediaFacts;
  thumbnail?: File;
}

/**
 * The file parameters each method takes, and the kind each must be. A call takes one: the
 * first of these fields it gives (as a schedule's photo is read before its document).
 */
const fileParams: Partial<Record<MethodName, Record<string, MediaKind>>> = {
  sendPhoto: { photo: "image" },
  sendDocument: { document: "file" },
  sendVoice: { voice: "voice" },
  sendVideo: { video: "video" },
  sendAudio: { audio: "audio" },
  sendSticker: { sticker: "sticker" },
  sendAnimation: { animation: "animation" },
  sendVideoNote: { video_note: "video_note" },
  scheduleMessage: { photo: "image", document: "file" },
  broadcastMessage: { photo: "image", document: "file" },
};

/** Methods that take an uploaded thumbnail with their file. */
const takesThumbnail = new Set<string>(["sendDocument", "sendVideo", "sendAudio", "sendAnimation", "sendVideoNote"]);

/** Methods whose files InputMedia names (`media: "attach://<part>"`), read after the call is parsed. */
export const inputMediaMethods = new Set<string>(["sendMediaGroup", "editMessageMedia"]);

/** Every file part of the body, by part name; they leave `raw`, which keeps the other parameters. */
export function detachFiles(raw: Record<string, unknown>): Map<string, File> {
  const files = new Map<string, File>();
  for (const [k, v] of Object.entries(raw)) {
    if (v instanceof File) {
      files.set(k, v);
      delete raw[k];
    }
  }
  return files;
}

/** The file a value names: a part itself (the field's own), or "attach://<part>". */
function named(files: Map<string, File>, field: string, value: unknown): File | undefined {
  if (typeof value === "string" && value.startsWith("attach://")) return files.get(value.slice("attach://".length));
  return value === undefined ? files.get(field) : undefined;
}

/**
 * Before parsing, for a method with one file parameter: the file it gives becomes
 * "upload://<field>" in `raw`. Its thumbnail ("thumbnail", or the legacy "thumb") is taken
 * with it, and leaves the parameters. `stated` is filled in once the call is parsed.
 */
export function takeFileParam(method: string, raw: Record<string, unknown>, files: Map<string, File>): FilePart | null {
  const fields = Object.hasOwn(fileParams, method) ? fileParams[method as MethodName]! : {};
  const field = Object.keys(fields).find((f) => (raw[f] !== undefined && raw[f] !== "") || files.has(f));
  if (!field) return null;
  const file = named(files, field, raw[field]);
  if (!file) return null;
  raw[field] = `upload://${field}`;
  const part: FilePart = { name: field, kind: fields[field]!, file, stated: {} };
  if (takesThumbnail.has(method)) {
    const thumbnail = named(files, "thumbnail", raw.thumbnail) ?? named(files, "thumb", raw.thumb);
    if (thumbnail) part.thumbnail = thumbnail;
  }
  delete raw.thumbnail;
  delete raw.thumb;
  return part;
}

type Item = { type: InputMediaType; media: string; thumbnail?: string; duration?: number; width?: number; height?: number };

/**
 * After parsing, for sendMediaGroup and editMessageMedia: each InputMedia's "attach://<part>"
 * becomes "upload://<part>" in the call. A part that is missing, or named twice, refuses the
 * whole call; so does an item claiming "upload://" itself.
 */
export function takeInputMediaParts(call: ParsedCall, files: Map<string, File>, stated: (item: Item) => MediaFacts): BotResult<FilePart[]> {
  if (!inputMediaMethods.has(call.method)) return ok([]);
  const media = (call.params as { media: Item | Item[] }).media;
  const items = Array.isArray(media) ? media : [media];
  const parts: FilePart[] = [];
  for (const item of items) {
    if (item.media.startsWith("upload://")) return refuse("wrong_file_id");
    if (!item.media.startsWith("attach://")) continue;
    const name = item.media.slice("attach://".length);
    const file = /^\w{1,64}$/.test(name) ? files.get(name) : undefined;
    if (!file) return refuse("input_media_not_found");
    if (parts.some((p) => p.name === name)) return refuse("media_group_invalid", { detail: `the file attach://${name} is named twice` });
    item.media = `upload://${name}`;
    const part: FilePart = { name, kind: inputMediaKinds[item.type], file, stated: stated(item) };
    const thumbnail = item.thumbnail?.startsWith("attach://") ? files.get(item.thumbnail.slice("attach://".length)) : undefined;
    if (thumbnail && item.type !== "photo") part.thumbnail = thumbnail;
    parts.push(part);
  }
  return ok(parts);
}

/** Telegram's bound for a thumbnail: "less than 200 kB in size". */
const MAX_THUMBNAIL_BYTES = 204_799;
const MAX_THUMBNAIL_SIDE = 320;

/** A part that passed its checks: its type, and its bytes where storing needs them (pictures). */
export interface CheckedPart extends FilePart {
  mime: string;
  bytes?: Uint8Array;
  thumb: Thumbnail | null;
}

/**
 * Checks a part before anything is stored: the kind its field takes, its size within bounds,
 * its first bytes what its type says, a picture readable (and a photo within Telegram's
 * sides). A thumbnail that is not a readable JPEG of at most 320 pixels a side and 200 kB is
 * left out, as Telegram leaves it out, rather than failing the call.
 */
export async function checkPart(part: FilePart): Promise<BotResult<CheckedPart>> {
  const { file, kind, name } = part;
  const mime = effectiveMime(file.type, file.name);
  const check = checkUpload(mime, file.size, kind);
  if (!check.ok) return check.reason === "too_large" ? refuse("upload_too_large") : refuse("upload_wrong_kind", { detail: check.detail });
  if (check.kind !== kind) return refuse("upload_wrong_kind", { detail: `the ${name} must be ${kindWords[kind]}, not ${mime}` });
  const pictured = kind === "image" || kind === "sticker" || check.mime === "image/gif";
  const bytes = pictured ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const head = bytes ?? new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (!contentMatches(check.mime, head)) return refuse("upload_wrong_kind", { detail: `the ${name}'s content is not ${check.mime}` });
  const problem = bytes ? pictureProblem(kind, bytes) : null;
  if (problem) return refuse("photo_invalid", { detail: problem });
  return ok({ ...part, mime: check.mime, ...(bytes ? { bytes } : {}), thumb: part.thumbnail ? await thumbnailOf(part.thumbnail) : null });
}

async function thumbnailOf(file: File): Promise<Thumbnail | null> {
  if (file.size <= 0 || file.size > MAX_THUMBNAIL_BYTES) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const size = contentMatches("image/jpeg", bytes) ? imageSize(bytes) : null;
  if (!size || size.width > MAX_THUMBNAIL_SIDE || size.height > MAX_THUMBNAIL_SIDE) return null;
  return { bytes, width: size.width, height: size.height };
}
