// What may be uploaded into a chat: the kind follows from the MIME type, each kind has a
// size limit. Anything else is refused with a reason.

export type MediaKind = "image" | "voice" | "video" | "file";

export const mediaLimits: Record<MediaKind, number> = {
  image: 10 * 1024 * 1024,
  voice: 10 * 1024 * 1024,
  video: 50 * 1024 * 1024,
  file: 50 * 1024 * 1024,
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

export type UploadCheck = { ok: true; kind: MediaKind; mime: string } | { ok: false; reason: string };

export function checkUpload(mime: string, size: number): UploadCheck {
  const kind = mediaKindOf(mime);
  if (!kind) return { ok: false, reason: `file type ${mime || "(none)"} is not accepted` };
  if (size <= 0) return { ok: false, reason: "file is empty" };
  if (size > mediaLimits[kind]) {
    return { ok: false, reason: `${kind} is larger than ${mediaLimits[kind] / (1024 * 1024)} MiB` };
  }
  return { ok: true, kind, mime: mime.split(";")[0]!.trim().toLowerCase() };
}
