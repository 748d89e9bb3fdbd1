// Loads jieba for Node and Deno (scripts and tests): the module's bytes from node_modules.
import { readFileSync } from "node:fs";
import { jiebaSegmenter } from "./jieba.ts";
import type { Segmenter } from "./types.ts";

export const JIEBA_WASM = new URL("../../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm", import.meta.url);

export function loadJiebaFromNodeModules(): Segmenter {
  return jiebaSegmenter(readFileSync(JIEBA_WASM));
}
