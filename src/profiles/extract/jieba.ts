// jieba-wasm behind the Segmenter port. jieba is compiled Rust with its dictionary inside
// the WebAssembly module (4 MB, 2.8 MB gzipped), so nothing is fetched at run time; the
// caller hands over the module: Node and Deno read the bytes from node_modules, workerd
// imports the .wasm file as a compiled module (Workers refuse to compile WebAssembly from
// bytes at run time). Without it the extractor runs on rules and dictionaries alone.
import { initSync, tag } from "jieba-wasm/web";
import type { Segmenter } from "./types.ts";

let ready = false;

export function jiebaSegmenter(module: BufferSource | WebAssembly.Module): Segmenter {
  if (!ready) {
    initSync({ module });
    ready = true;
  }
  return { tag: (text) => tag(text, true) };
}
