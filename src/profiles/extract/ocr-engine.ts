// Starting Tesseract (tesseract-wasm: Tesseract 5 compiled to WebAssembly, LSTM recogniser
// only, with a synchronous engine that needs no Web Worker) from a compiled module.
//
// tesseract-wasm's loader takes the WebAssembly as bytes and compiles them itself, which a
// Worker refuses (no code generation from bytes at run time). So for the one call that starts
// the engine, WebAssembly.instantiate is wrapped: when the loader hands it the marker buffer
// we gave as "the bytes", the wrapper instantiates the module wrangler compiled at deploy
// instead. Every other call passes through, and the original is put back when the start ends.
// (The loader also names its file relative to import.meta.url, which a bundled Worker lacks:
// see withLenientUrl.)
/// <reference path="./tesseract-wasm.d.ts" />
import { createOCREngine, type OCREngine } from "tesseract-wasm";

export type { OCREngine } from "tesseract-wasm";

/** Starts an engine on `module` (tesseract-core.wasm, compiled) with a language model loaded. */
export async function startTesseract(module: WebAssembly.Module, languageData: Uint8Array): Promise<OCREngine> {
  const marker = new ArrayBuffer(16);
  const original = WebAssembly.instantiate;
  const wrapper = ((source: unknown, imports?: WebAssembly.Imports) => {
    const view = ArrayBuffer.isView(source) ? source : null;
    if (view?.buffer === marker || source === marker) {
      return original(module, imports).then((instance) => ({ module, instance }));
    }
    return (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports);
  }) as typeof WebAssembly.instantiate;
  WebAssembly.instantiate = wrapper;
  let engine: OCREngine;
  try {
    engine = await withLenientUrl(() => createOCREngine({ wasmBinary: marker }));
  } finally {
    if (WebAssembly.instantiate === wrapper) WebAssembly.instantiate = original;
  }
  try {
    engine.loadModel(languageData);
  } catch (err) {
    engine.destroy();
    throw err;
  }
  return engine;
}

/**
 * Runs `start` with a URL constructor that accepts a missing or unusable base. The loader
 * names its .wasm file relative to import.meta.url, which a bundled Worker does not have as
 * a URL; the name is only compared, never fetched (we hand over the module). The loader does
 * this synchronously, so URL is itself again before `start`'s promise is even returned.
 */
function withLenientUrl<T>(start: () => T): T {
  const scope = globalThis as unknown as { URL: typeof URL };
  const original = scope.URL;
  scope.URL = new Proxy(original, {
    construct(target, [url, base]: [string | URL, (string | URL)?]) {
      try {
        return new target(url, base);
      } catch {
        return new target(url, "file:///tesseract-wasm/");
      }
    },
  });
  try {
    return start();
  } finally {
    scope.URL = original;
  }
}
