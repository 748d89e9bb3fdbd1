// What may be uploaded into a chat: the kind follows from the MIME type, each kind has a
// size limit. Anything else is refused with a reason.

import type { Media, MediaKind } from "../protocol/messages.ts";

export type { MediaKind };

export const mediaLimits: Record<MediaKind, number> = {
  image: 10 * 1024 * 1024,
  voice: 10 * 1024 * 1024,
  audio: 50 * 1024 * 1024,
  video: 50 * 1024 * 1024,
  file: 50 * 1024 * 1024,
  sticker: 512 * 1024, // Telegram's limit for a static sticker
  animation: 50 * 1024 * 1024,
  video_note: 50 * 1024 * 1024,
};

const imageTypes = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
const voiceTypes = new Set(["audio/ogg", "audio/mpeg", "audio/mp4", "audio/webm", "audio/wav"]);
const videoTypes = new Set(["video/mp4", "video/webm", "video/quicktime"]);
const fileTypes = new Set([
  "application/pdf",
  "application/zip",
  "text/plain",
  "text/csv",
  "application/json",
  "application/octet-stream",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);

export function mediaKindOf(mime: string): MediaKind | null {
  const type = mime.split(";")[0]!.trim().toLowerCase();
  if (imageTypes.has(type)) return "image";
  if (voiceTypes.has(type)) return "voice";
  if (videoTypes.has(type)) return "video";
  if (fileTypes.has(type)) return "file";
  return null;
}

/**
 * The kinds only a bot sends, by the types Telegram takes for them: static stickers (WebP, and
 * PNG as Telegram converts it), animations (a GIF, or an MPEG-4 video without sound) and
 * video notes (a square MPEG-4 video).
 */
const sentAs: Partial<Record<MediaKind, Set<string>>> = {
  sticker: new Set(["image/webp", "image/png"]),
  animation: new Set(["image/gif", "video/mp4"]),
  video_note: new Set(["video/mp4"]),
};

function sendableAs(mime: string, as: MediaKind): boolean {
  return sentAs[as]?.has(mime.split(";")[0]!.trim().toLowerCase()) ?? false;
}

/** Why an upload is refused: each surface maps these to its own status once. */
export type UploadRefusal = "type_not_accepted" | "empty" | "too_large";

export type UploadCheck = { ok: true; kind: MediaKind; mime: string } | { ok: false; reason: UploadRefusal; detail: string };

/**
 * `as` is the kind the sender asked for (a bot's sendAudio, sendDocument ...): any accepted
 * type may be sent as a file, and audio types as audio.
 */
export function checkUpload(mime: string, size: number, as?: MediaKind): UploadCheck {
  const natural = mediaKindOf(mime);
  const kind = as && natural && (as === "file" || (as === "audio" && natural === "voice") || as === natural || sendableAs(mime, as)) ? as : natural;
  if (!kind) return { ok: false, reason: "type_not_accepted", detail: `file type ${mime || "(none)"} is not accepted` };
  if (size <= 0) return { ok: false, reason: "empty", detail: "file is empty" };
  if (size > mediaLimits[kind]) {
    return { ok: false, reason: "too_large", detail: `${kind} is larger than ${mediaLimits[kind] / (1024 * 1024)} MiB` };
  }
  return { ok: true, kind, mime: mime.split(";")[0]!.trim().toLowerCase() };
}

const byExtension: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  pdf: "application/pdf",
  zip: "application/zip",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
};

const extensionOf: Record<string, string> = {
  "image/jpeg": "jpg",
  "audio/ogg": "oga",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/webm": "webm",
  "video/quicktime": "mov",
  "text/plain": "txt",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

/** The extension a stored file's download path ends in: its type's, else its name's, else "bin". */
export function fileExtension(mime: string, name: string): string {
  const type = mime.split(";")[0]!.trim().toLowerCase();
  const own = extensionOf[type] ?? Object.entries(byExtension).find(([, t]) => t === type)?.[0];
  if (own) return own;
  return /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? "bin";
}

/** A client's stated type, or, when it says nothing useful, the type its file name implies. */
export function effectiveMime(stated: string, fileName: string): string {
  const type = stated.split(";")[0]!.trim().toLowerCase();
  if (type && type !== "application/octet-stream") return stated;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (ext && byExtension[ext]) || type || "application/octet-stream";
}

/** What a message shows of a file besides its type, size and name. */
export type MediaFacts = Pick<Media, "width" | "height" | "duration" | "thumbnail">;

/** A file stored for a message, before the message says which kind it is sent as. */
export type StoredFile = Omit<Media, "kind">;

/** Telegram's names for kinds, in its "can't use file of type X as Y" refusal. */
export const telegramTypeName: Record<MediaKind | "thumbnail", string> = {
  image: "Photo",
  file: "Document",
  video: "Video",
  voice: "VoiceNote",
  audio: "Audio",
  sticker: "Sticker",
  animation: "Animation",
  video_note: "VideoNote",
  thumbnail: "Thumbnail",
};

/** Telegram's ranges, to which its server clamps what a bot states. */
const MAX_DURATION = 86_400;
const MAX_SIDE = 10_000;

/** Facts a sender states (a duration, width, height, or a video note's length), clamped to Telegram's ranges; zero says nothing. */
export function statedFacts(p: { duration?: number; width?: number; height?: number; length?: number }): MediaFacts {
  const clamp = (n: number | undefined, max: number) => (n === undefined ? undefined : Math.min(Math.max(Math.trunc(n), 0), max) || undefined);
  const facts: MediaFacts = {};
  const duration = clamp(p.duration, MAX_DURATION);
  const width = clamp(p.length ?? p.width, MAX_SIDE);
  const height = clamp(p.length ?? p.height, MAX_SIDE);
  if (duration !== undefined) facts.duration = duration;
  if (width !== undefined) facts.width = width;
  if (height !== undefined) facts.height = height;
  return facts;
}
