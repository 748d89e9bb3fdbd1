// Media files in R2, under `<chat key>/<file id>`. Each object's metadata keeps what messages
// show of it (its name, kind, dimensions, duration and thumbnail), so a copy made from a
// file_id keeps them as Telegram's do. A photo gets a thumbnail stored beside it.
import type { Media, MediaKind } from "../protocol/messages.ts";
import { checkUpload, telegramTypeName, type MediaFacts, type StoredFile } from "./media.ts";

export type { MediaFacts, StoredFile };

export interface NewFile {
  kind: MediaKind;
  mime: string;
  name: string;
  size: number;
  /** Bytes are needed for pictures (their header and thumbnail); anything else may stream. */
  body: Uint8Array | ReadableStream;
}

import { imageSize } from "./image-size.ts";
import { makeThumbnail, type Thumbnail } from "./thumbnail.ts";

/** Whether the kind's size comes from the picture's own header. */
const pictured = (kind: MediaKind, mime: string) => kind === "image" || kind === "sticker" || (kind === "animation" && mime === "image/gif");

/**
 * Stores a file (and, for a photo, its thumbnail), returning what the message will carry.
 * Pictures take their dimensions from their header over anything stated; `thumbnail` is one
 * the sender gave (a video's), kept as given. Nothing is left behind if a write fails.
 */
export async function storeMedia(bucket: R2Bucket, chatKey: string, f: NewFile, stated: MediaFacts = {}, given?: Thumbnail): Promise<StoredFile> {
  const out: StoredFile = { fileId: crypto.randomUUID(), mime: f.mime, size: f.size, name: f.name, ...stated };
  let thumbnail = given ?? null;
  if (f.body instanceof Uint8Array && pictured(f.kind, f.mime)) {
    const size = imageSize(f.body);
    delete out.width;
    delete out.height;
    if (size) Object.assign(out, { width: size.width, height: size.height });
    if (size && f.kind === "image") thumbnail = makeThumbnail(f.body, size);
  }
  if (thumbnail) {
    const fileId = crypto.randomUUID();
    await bucket.put(`${chatKey}/${fileId}`, thumbnail.bytes, {
      httpMetadata: { contentType: "image/jpeg" },
      customMetadata: { name: "thumbnail.jpg", kind: "thumbnail", facts: JSON.stringify({ width: thumbnail.width, height: thumbnail.height }) },
    });
    out.thumbnail = { fileId, width: thumbnail.width, height: thumbnail.height, size: thumbnail.bytes.length };
  }
  try {
    await bucket.put(`${chatKey}/${out.fileId}`, f.body, { httpMetadata: { contentType: f.mime }, customMetadata: { name: f.name, kind: f.kind, facts: JSON.stringify(factsOf(out)) } });
  } catch (err) {
    if (out.thumbnail) await bucket.delete(`${chatKey}/${out.thumbnail.fileId}`);
    throw err;
  }
  return out;
}

/**
 * Removes a message's file and its thumbnail. Best effort: it runs after the chat has stored
 * its change (a message deleted, its media replaced, a refused post's upload given up), which
 * a failed delete must not undo or fail; a file left behind is logged.
 */
export async function removeMedia(bucket: R2Bucket, chatKey: string, m: Pick<Media, "fileId" | "thumbnail">): Promise<void> {
  try {
    await bucket.delete(m.thumbnail ? [`${chatKey}/${m.fileId}`, `${chatKey}/${m.thumbnail.fileId}`] : `${chatKey}/${m.fileId}`);
  } catch (err) {
    console.error("media not removed", chatKey, m.fileId, err);
  }
}

export type CopyRefusal = { reason: "not_found" } | { reason: "wrong_type"; detail: string };

/**
 * Copies a stored file (and its thumbnail) into `toKey` to be sent as `kind`, so deleting one
 * message never takes another's file with it. The copy keeps the original's facts. A file is
 * sent only as a kind its type may be (a PDF is never a photo), and a thumbnail never alone.
 * Nothing is left behind if a write fails (as storeMedia).
 */
export async function copyMedia(bucket: R2Bucket, from: { chatKey: string; fileId: string }, toKey: string, kind: MediaKind): Promise<{ ok: true; file: StoredFile } | ({ ok: false } & CopyRefusal)> {
  const object = await bucket.get(`${from.chatKey}/${from.fileId}`);
  if (!object) return { ok: false, reason: "not_found" };
  const mime = object.httpMetadata?.contentType ?? "application/octet-stream";
  const storedKind = object.customMetadata?.kind as MediaKind | "thumbnail" | undefined;
  const check = checkUpload(mime, object.size, kind);
  if (storedKind === "thumbnail" || !check.ok || check.kind !== kind) {
    await object.body.cancel();
    const was = storedKind ?? (checkUpload(mime, object.size).ok ? (checkUpload(mime, object.size) as { kind: MediaKind }).kind : "file");
    return { ok: false, reason: "wrong_type", detail: `can't use file of type ${telegramTypeName[was]} as ${telegramTypeName[kind]}` };
  }
  const name = object.customMetadata?.name ?? "file";
  const facts = parseFacts(object.customMetadata?.facts);
  const file: StoredFile = { fileId: crypto.randomUUID(), mime, size: object.size, name, ...facts };
  delete file.thumbnail;
  if (facts.thumbnail) {
    const thumb = await bucket.get(`${from.chatKey}/${facts.thumbnail.fileId}`);
    if (thumb) {
      const fileId = crypto.randomUUID();
      try {
        await bucket.put(`${toKey}/${fileId}`, thumb.body, { httpMetadata: thumb.httpMetadata ?? {}, customMetadata: thumb.customMetadata ?? {} });
      } catch (err) {
        await object.body.cancel();
        throw err;
      }
      file.thumbnail = { ...facts.thumbnail, fileId };
    }
  }
  try {
    await bucket.put(`${toKey}/${file.fileId}`, object.body, { httpMetadata: { contentType: mime }, customMetadata: { name, kind, facts: JSON.stringify(factsOf(file)) } });
  } catch (err) {
    if (file.thumbnail) await bucket.delete(`${toKey}/${file.thumbnail.fileId}`);
    throw err;
  }
  return { ok: true, file };
}

function factsOf(m: StoredFile): MediaFacts {
  const facts: MediaFacts = {};
  if (m.width !== undefined) facts.width = m.width;
  if (m.height !== undefined) facts.height = m.height;
  if (m.duration !== undefined) facts.duration = m.duration;
  if (m.thumbnail) facts.thumbnail = m.thumbnail;
  return facts;
}

function parseFacts(text: string | undefined): MediaFacts {
  if (!text) return {};
  try {
    const f = JSON.parse(text) as MediaFacts;
    return typeof f === "object" && f !== null ? f : {};
  } catch {
    return {};
  }
}
