// A message's file in the Bot API's wire shapes: PhotoSize arrays (thumbnail first, as
// Telegram orders sizes), Sticker, Animation (with the document Telegram sends beside it),
// VideoNote, and the durations, sizes and thumbnails the file has.
import type { Media } from "../protocol/messages.ts";
import { fileIdOf } from "./wire.ts";

/** A file's id that stays the same across bots and copies of one stored file's name. */
export function fileUniqueId(fileId: string): string {
  return fileId.replaceAll("-", "").slice(0, 16);
}

export function tgMedia(chatKey: string, media: Media): Record<string, unknown> {
  const file = (f: { fileId: string; size: number }) => ({ file_id: fileIdOf(chatKey, f), file_unique_id: fileUniqueId(f.fileId), file_size: f.size });
  const thumb = media.thumbnail ? { ...file(media.thumbnail), width: media.thumbnail.width, height: media.thumbnail.height } : null;
  // `thumb` is the field's name before Bot API 6.6; older libraries still read it.
  const withThumb = thumb ? { thumbnail: thumb, thumb } : {};
  const width = media.width ?? 0;
  const height = media.height ?? 0;
  const duration = media.duration ?? 0;
  const own = file(media);
  switch (media.kind) {
    case "image":
      return { photo: [...(thumb ? [thumb] : []), { ...own, width, height }] };
    case "voice":
      return { voice: { ...own, duration, mime_type: media.mime } };
    case "audio":
      return { audio: { ...own, duration, mime_type: media.mime, file_name: media.name, ...withThumb } };
    case "video":
      return { video: { ...own, width, height, duration, mime_type: media.mime, file_name: media.name, ...withThumb } };
    case "file":
      return { document: { ...own, file_name: media.name, mime_type: media.mime, ...withThumb } };
    case "sticker":
      return { sticker: { ...own, type: "regular", width, height, is_animated: false, is_video: false, ...withThumb } };
    case "animation": {
      // "For backward compatibility, when this field is set, the document field will also be set."
      const document = { ...own, file_name: media.name, mime_type: media.mime, ...withThumb };
      return { animation: { ...document, width, height, duration }, document };
    }
    case "video_note":
      return { video_note: { ...own, length: Math.min(width, height) || width || height, duration, ...withThumb } };
  }
}
