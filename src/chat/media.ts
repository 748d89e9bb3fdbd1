// What may be uploaded into a chat: the kind follows from the MIME type, each kind has a
// size limit. Anything else is refused with a reason.

import type { MediaKind } from "../protocol/messages.ts";

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

/** Why an upload is refused: each surface maps these to its own status once. */
export type UploadRefusal = "type_not_accepted" | "empty" | "too_large";

export type UploadCheck = { ok: true; kind: MediaKind; mime: string } | { ok: false; reason: UploadRefusal; detail: string };

/**
 * `as` is the kind the sender asked for (a bot's sendAudio, sendDocument ...): any accepted
 * type may be sent as a file, and audio types as audio.
 */
export function checkUpload(mime: string, size: number, as?: MediaKind): UploadCheck {
  const natural = mediaKindOf(mime);
  const kind = as && natural && (as === "file" || (as === "audio" && natural === "voice") || as === natural) ? as : natural;
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

/** A client's stated type, or, when it says nothing useful, the type its file name implies. */
export function effectiveMime(stated: string, fileName: string): string {
  const type = stated.split(";")[0]!.trim().toLowerCase();
  if (type && type !== "application/octet-stream") return stated;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (ext && byExtension[ext]) || type || "application/octet-stream";
}
