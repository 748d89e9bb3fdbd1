// Reading the text printed on an image, whatever the runtime: Photon decodes JPEG, PNG, WebP
// or GIF to pixels (scaled and turned upright as ocr-plan.ts says) and Tesseract reads them.
// The caller hands in the Photon build and the compiled Tesseract module of its runtime:
// ocr.ts does for the Worker; the Chromium tests do for Node.
import type * as PhotonLib from "@cf-wasm/photon/workerd";
import { imageSize } from "../../chat/image-size.ts";
import { orient, type Pixels } from "../../chat/orient.ts";
import { startTesseract, type OCREngine } from "./ocr-engine.ts";
import { planOcr, tidyOcrText } from "./ocr-plan.ts";

/** The port: the text printed on an image, "" when there is none or the image cannot be read. */
export interface ImageReader {
  read(bytes: Uint8Array, mime: string): Promise<string>;
}

export type Photon = Pick<typeof PhotonLib, "PhotonImage" | "resize" | "SamplingFilter">;

export interface TesseractOptions {
  /** The unpacked language model (eng.traineddata); asked for once, when the engine starts. */
  languageData: () => Promise<Uint8Array>;
  /** tesseract-core.wasm, compiled. */
  module: WebAssembly.Module;
  photon: Photon;
}

let shared: Promise<OCREngine> | null = null;

/** The one engine of this isolate (or process), started on first use; a failed start is retried. */
function engine(options: TesseractOptions): Promise<OCREngine> {
  shared ??= options.languageData().then((data) => startTesseract(options.module, data));
  shared.catch(() => {
    shared = null;
  });
  return shared;
}

/** Forgets the engine after a failure inside it, so the next image gets a fresh one. */
function discard(broken: OCREngine): void {
  try {
    broken.destroy();
  } catch {
    // a trapped engine may refuse this too; dropping it is what matters
  }
  shared = null;
}

/** The Tesseract reader. Throws only when the engine cannot start (no language data). */
export function tesseractReader(options: TesseractOptions): ImageReader {
  return {
    async read(bytes, mime) {
      const size = imageSize(bytes);
      const plan = planOcr(mime, size);
      if (!plan.read) return "";
      const pixels = decode(options.photon, bytes, plan.width, plan.height, size?.orientation ?? 1);
      if (!pixels) return "";
      const ocr = await engine(options);
      try {
        ocr.loadImage(pixels);
        const text = ocr.getText();
        ocr.clearImage();
        return tidyOcrText(text);
      } catch {
        discard(ocr); // Tesseract aborted inside WebAssembly: its memory is not to be trusted
        return "";
      }
    },
  };
}

/**
 * The image as upright RGBA pixels at `width` x `height` (scaled down when the plan says),
 * transparency laid over white; null when Photon cannot decode it or the header lied.
 */
function decode({ PhotonImage, resize, SamplingFilter }: Photon, bytes: Uint8Array, width: number, height: number, orientation: number): Pixels | null {
  const turned = orientation >= 5; // stored on its side: the stored sides are swapped
  const [storedWidth, storedHeight] = turned ? [height, width] : [width, height];
  let image: PhotonLib.PhotonImage | undefined;
  let small: PhotonLib.PhotonImage | undefined;
  try {
    image = PhotonImage.new_from_byteslice(bytes);
    let source = image;
    if (image.get_width() !== storedWidth || image.get_height() !== storedHeight) {
      // the plan scaled it down (or the header lied about a size that still fits the bounds)
      if (Math.max(image.get_width(), image.get_height()) < Math.max(storedWidth, storedHeight)) return null;
      small = resize(image, storedWidth, storedHeight, SamplingFilter.Triangle);
      source = small;
    }
    const stored: Pixels = { data: source.get_raw_pixels(), width: source.get_width(), height: source.get_height() };
    const upright = orientation !== 1 ? orient(stored, orientation) : stored;
    return { ...upright, data: overWhite(upright.data) };
  } catch {
    return null; // Photon traps on data it cannot decode
  } finally {
    for (const held of [image, small]) {
      try {
        held?.free();
      } catch {
        // after a trap the instance may refuse this too
      }
    }
  }
}

/** RGBA with every pixel made opaque over a white page (a fresh, exactly sized buffer). */
function overWhite(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    const keep = a / 255;
    const white = 255 - a;
    out[i] = rgba[i]! * keep + white;
    out[i + 1] = rgba[i + 1]! * keep + white;
    out[i + 2] = rgba[i + 2]! * keep + white;
    out[i + 3] = 255;
  }
  return out;
}
