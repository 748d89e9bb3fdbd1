// An image's width and height as its header states them (PNG, GIF, WebP, JPEG), read without
// decoding the image, and the size of its thumbnail. Pure.

export interface ImageSize {
  /** As shown: a JPEG whose EXIF orientation turns it a quarter has its sides swapped here. */
  width: number;
  height: number;
  /** EXIF orientation 2-8 (JPEG only); absent for 1, the upright default. */
  orientation?: number;
}

/** The long side of a photo's thumbnail, as Telegram's "m" size. */
export const THUMBNAIL_SIDE = 320;
export const SMALL_THUMBNAIL_SIDE = 90;

/** Telegram's bound for a photo: width + height at most 10,000, sides at most 20 to 1. */
export function photoDimensionsValid({ width, height }: ImageSize): boolean {
  return width > 0 && height > 0 && width + height <= 10_000 && Math.max(width, height) / Math.min(width, height) <= 20;
}

/**
 * Telegram's refusal of a picture sent as a photo or sticker, or null: one whose header we
 * cannot read is not an image we can show; a photo's sides have Telegram's bounds.
 */
export function pictureProblem(kind: string, bytes: Uint8Array): "IMAGE_PROCESS_FAILED" | "PHOTO_INVALID_DIMENSIONS" | null {
  if (kind !== "image" && kind !== "sticker") return null;
  const size = imageSize(bytes);
  if (!size) return "IMAGE_PROCESS_FAILED";
  return kind === "image" && !photoDimensionsValid(size) ? "PHOTO_INVALID_DIMENSIONS" : null;
}

/** The thumbnail's size, keeping the aspect ratio; null when the image is its own thumbnail. */
export function thumbnailSize({ width, height }: ImageSize, side = THUMBNAIL_SIDE): { width: number; height: number } | null {
  const long = Math.max(width, height);
  // A picture no larger than the thumbnail gets Telegram's smallest size ("s", 90 on the long
  // side) instead, so a photo has a thumbnail and its original; one no larger than that is
  // its own thumbnail.
  const target = long > side ? side : long > SMALL_THUMBNAIL_SIDE ? SMALL_THUMBNAIL_SIDE : null;
  if (!target) return null;
  const scale = target / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const ascii = (b: Uint8Array, at: number, s: string) => b.length >= at + s.length && Array.from(s).every((c, i) => b[at + i] === c.charCodeAt(0));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

/** The size an image's header states, or null when there is no header we can read. */
export function imageSize(b: Uint8Array): ImageSize | null {
  const size = png(b) ?? gif(b) ?? webp(b) ?? jpeg(b);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

function png(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || !ascii(b, 1, "PNG") || !ascii(b, 12, "IHDR")) return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function gif(b: Uint8Array): ImageSize | null {
  if (b.length < 10 || !(ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a"))) return null;
  return { width: u16le(b, 6), height: u16le(b, 8) };
}

function webp(b: Uint8Array): ImageSize | null {
  if (b.length < 30 || !ascii(b, 0, "RIFF") || !ascii(b, 8, "WEBP")) return null;
  if (ascii(b, 12, "VP8 ")) {
    // A key frame: start code 9d 01 2a, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (ascii(b, 12, "VP8L")) {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, "VP8X")) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

function jpeg(b: Uint8Array): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let orientation = 1;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = u16be(b, at + 2);
    if (length < 2) return null;
    // SOF0-SOF15 but DHT (c4), JPG (c8) and DAC (cc) hold the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > b.length) return null;
      const height = u16be(b, at + 5);
      const width = u16be(b, at + 7);
      const turned = orientation >= 5;
      return { width: turned ? height : width, height: turned ? width : height, ...(orientation !== 1 ? { orientation } : {}) };
    }
    if (marker === 0xe1) orientation = exifOrientation(b, at + 4, Math.min(b.length, at + 2 + length)) ?? orientation;
    if (marker === 0xda || marker === 0xd9) return null; // the image data began with no frame header
    at += 2 + length;
  }
  return null;
}

/** Orientation (tag 0x0112) from an APP1 Exif segment's first IFD, from `start` to `end`. */
function exifOrientation(b: Uint8Array, start: number, end: number): number | null {
  if (!ascii(b, start, "Exif\0\0")) return null;
  const tiff = start + 6;
  if (tiff + 8 > end) return null;
  const little = ascii(b, tiff, "II");
  if (!little && !ascii(b, tiff, "MM")) return null;
  const r16 = (at: number) => (little ? u16le(b, at) : u16be(b, at));
  const r32 = (at: number) => (little ? (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0 : u32be(b, at));
  const ifd = tiff + r32(tiff + 4);
  if (ifd + 2 > end) return null;
  const count = r16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return null;
    if (r16(entry) === 0x0112) {
      const value = r16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}
