import { test } from "node:test";
import assert from "node:assert/strict";
import { LanguageDataMissing, OCR_DATA_PATH, assetLanguageData, gunzip } from "./ocr-data.ts";

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
}

const model = new TextEncoder().encode("a language model ".repeat(1000));

function assets(files: Record<string, Uint8Array>) {
  const asked: string[] = [];
  return {
    asked,
    async fetch(request: Request) {
      const path = new URL(request.url).pathname;
      asked.push(path);
      // As the platform does for a missing file: the single-page app's index.html, 200.
      return new Response((files[path] as Uint8Array<ArrayBuffer> | undefined) ?? "<!doctype html><title>app</title>", { status: 200 });
    },
  };
}

test("the language data is fetched from OCR_DATA_PATH and unpacked", async () => {
  const a = assets({ [OCR_DATA_PATH]: await gzip(model) });
  assert.deepEqual(await assetLanguageData(a), model);
  assert.deepEqual(a.asked, [OCR_DATA_PATH]);
});

test("a missing file (the app's page instead) or no binding is LanguageDataMissing, saying what to do", async () => {
  await assert.rejects(assetLanguageData(assets({})), (e) => e instanceof LanguageDataMissing && /build:web/.test(e.message));
  await assert.rejects(assetLanguageData(undefined), (e) => e instanceof LanguageDataMissing && /ASSETS/.test(e.message));
});

test("unpacking stops past its limit", async () => {
  const packed = await gzip(model);
  assert.equal((await gunzip(packed, model.length)).length, model.length);
  await assert.rejects(gunzip(packed, model.length - 1), LanguageDataMissing);
});
