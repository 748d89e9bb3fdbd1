// A photo's thumbnail: decoded, scaled to THUMBNAIL_SIDE on its long side, turned upright and
// encoded as JPEG (Telegram's thumbnails are JPEG), with Photon compiled to WebAssembly
// (@cf-wasm/photon: one module decodes JPEG, PNG, WebP and GIF, and runs in workerd).
import { PhotonImage, resize, SamplingFilter } from "@cf-wasm/photon/workerd";
import { thumbnailSize, type ImageSize } from "./image-size.ts";
import { orient } from "./orient.ts";

/**
 * Decoding needs the whole picture in memory, four bytes a pixel, and a Worker has 128 MB:
 * larger pictures keep their original only (12 MP is a phone camera's photo).
 */
export const MAX_THUMBNAIL_SOURCE_PIXELS = 12_000_000;
const JPEG_QUALITY = 80;

export interface Thumbnail {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/**
 * The thumbnail of an image whose header gave `size`, or null: the image is no larger than a
 * thumbnail, too large to decode here, or does not decode (a damaged file). The caller then
 * keeps the original only.
 */
export function makeThumbnail(bytes: Uint8Array, size: ImageSize): Thumbnail | null {
  const target = thumbnailSize(size);
  if (!target || size.width * size.height > MAX_THUMBNAIL_SOURCE_PIXELS) return null;
  const orientation = size.orientation ?? 1;
  const turned = orientation >= 5; // stored on its side: scale the stored sides
  let image: PhotonImage | undefined;
  let small: PhotonImage | undefined;
  let upright: PhotonImage | undefined;
  try {
    image = PhotonImage.new_from_byteslice(bytes);
    const stored = { width: image.get_width(), height: image.get_height() };
    if (stored.width !== (turned ? size.height : size.width) || stored.height !== (turned ? size.width : size.height)) return null; // the header lied
    small = resize(image, turned ? target.height : target.width, turned ? target.width : target.height, SamplingFilter.Triangle);
    if (orientation !== 1) {
      const p = orient({ data: small.get_raw_pixels(), width: small.get_width(), height: small.get_height() }, orientation);
      upright = new PhotonImage(p.data, p.width, p.height);
    }
    const out = (upright ?? small).get_bytes_jpeg(JPEG_QUALITY);
    return { bytes: out, width: target.width, height: target.height };
  } catch {
    return null; // Photon traps on data it cannot decode
  } finally {
    for (const held of [image, small, upright]) {
      try {
        held?.free();
      } catch {
        // after a trap the instance may refuse this too; the memory is the module's to reuse
      }
    }
  }
}
