// Which items make an album, in Telegram's words (as TDLib checks them). Pure.
import type { MediaKind } from "../protocol/messages.ts";

export const MIN_ALBUM = 2;
export const MAX_ALBUM = 10;

/** InputMedia types and the kinds their files are sent as. */
export const inputMediaKinds = { photo: "image", video: "video", document: "file", audio: "audio", animation: "animation" } as const satisfies Record<string, MediaKind>;
export type InputMediaType = keyof typeof inputMediaKinds;

/** What is wrong with an album of these item types, or null: 2-10 items, documents only with documents, audio only with audio. */
export function albumProblem(types: InputMediaType[]): string | null {
  if (types.length === 0) return "there are no messages to send";
  if (types.length > MAX_ALBUM) return "too many messages to send as an album";
  if (types.length < MIN_ALBUM) return `an album must include ${MIN_ALBUM}-${MAX_ALBUM} items`;
  if (types.includes("animation")) return `can't parse InputMedia: type "animation" can't be used in sendMediaGroup`;
  for (const only of ["document", "audio"] as const) {
    if (types.includes(only) && types.some((t) => t !== only)) return `${only} can't be mixed with other media types`;
  }
  return null;
}
