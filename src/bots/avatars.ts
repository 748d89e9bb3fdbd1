// Profile photos for getUserProfilePhotos. Of Switchboard's accounts only bots have one (the
// avatar their owner uploads; people have none yet, so they have no photos): one photo, one
// size, its file id readable by getFile and downloadable like any other file. Avatars are
// public (GET /api/v1/bots/{username}/avatar), so any bot may read any of them.
import type { Env } from "../env.ts";
import { imageSize } from "../chat/image-size.ts";
import { textFromBase64Url, textToBase64Url } from "../platform/crypto.ts";
import { open } from "../platform/d1.ts";
import { ok, refuse } from "../platform/result.ts";
import { botTextsOf } from "./queries.ts";
import type { BotResult } from "./reasons.ts";

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp" };

/** The avatar's file id: it names the account, so it lives as long as the avatar does. */
export function avatarFileId(userId: number): string {
  return textToBase64Url(`avatar:${userId}`);
}

export function parseAvatarFileId(fileId: string): number | null {
  try {
    const m = /^avatar:(\d{1,16})$/.exec(textFromBase64Url(fileId));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** A getFile path `avatars/<id>.<ext>`, back to the avatar's R2 key. */
export function avatarKeyOf(path: string): string | null {
  const m = /^avatars\/(\d{1,16})\.(jpg|png|gif|webp)$/.exec(path);
  return m ? `avatars/${m[1]}` : null;
}

export class Avatars {
  constructor(private readonly env: Env) {}

  /** Telegram's UserProfilePhotos for a user who exists: each photo an array of PhotoSize. */
  async photosOf(userId: number, offset: number, limit: number) {
    const photo = await this.photo(userId);
    const all = photo ? [[photo.size]] : [];
    return { total_count: all.length, photos: all.slice(offset, offset + limit) };
  }

  /** getFile for an avatar's file id. */
  async getFile(fileId: string): Promise<BotResult<Record<string, unknown>>> {
    const userId = parseAvatarFileId(fileId);
    const photo = userId === null ? null : await this.photo(userId);
    if (!photo) return refuse("invalid_file_id");
    const { file_id, file_unique_id, file_size } = photo.size;
    return ok({ file_id, file_unique_id, file_size, file_path: `avatars/${userId}.${photo.extension}` });
  }

  private async photo(userId: number) {
    const row = await botTextsOf(open(this.env.DB), userId);
    const object = row?.avatar ? await this.env.MEDIA.get(row.avatar) : null;
    if (!object) return null;
    // Avatars are at most 1 MiB (the upload route's bound), so reading one whole is cheap.
    const bytes = new Uint8Array(await object.arrayBuffer());
    const dims = imageSize(bytes);
    const mime = object.httpMetadata?.contentType ?? "image/jpeg";
    return {
      extension: EXTENSIONS[mime] ?? "jpg",
      size: {
        file_id: avatarFileId(userId),
        file_unique_id: `a${object.etag.replace(/\W/g, "").slice(0, 15)}`,
        file_size: object.size,
        width: dims?.width ?? 0,
        height: dims?.height ?? 0,
      },
    };
  }
}
