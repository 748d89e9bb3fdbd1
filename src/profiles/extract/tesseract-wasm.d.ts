// The part of tesseract-wasm's API we use. The package ships types, but its "exports" map
// hides them from TypeScript's bundler resolution, so they are restated here.
declare module "tesseract-wasm" {
  export interface OCREngine {
    destroy(): void;
    setVariable(name: string, value: string): void;
    loadModel(model: Uint8Array | ArrayBuffer): void;
    /** RGBA pixels, row by row; `data.buffer` must hold exactly width * height * 4 bytes. */
    loadImage(image: { data: Uint8Array | Uint8ClampedArray; width: number; height: number }): void;
    clearImage(): void;
    getText(onProgress?: (progress: number) => void): string;
  }
  export function createOCREngine(options?: { wasmBinary?: Uint8Array | ArrayBuffer }): Promise<OCREngine>;
}
