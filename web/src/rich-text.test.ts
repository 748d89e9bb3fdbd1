import { test } from "node:test";
import assert from "node:assert/strict";
import type { MessageEntity } from "./types.ts";
import { MAX_DRAWN_ENTITIES, richTree } from "./rich-text.ts";

type Node = string | { type: string; children: Node[] };
const tree = (text: string, entities: MessageEntity[]) => richTree<Node>(text, entities, (e, children) => ({ type: e.type, children }));

function depth(nodes: Node[]): number {
  let max = 0;
  const stack: [Node, number][] = nodes.map((n) => [n, 1]);
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (typeof n === "string") continue;
    max = Math.max(max, d);
    for (const c of n.children) stack.push([c, d + 1]);
  }
  return max;
}

test("nested and plain entities become a tree", () => {
  assert.deepEqual(tree("bold and italic", [
    { type: "bold", offset: 0, length: 15 },
    { type: "italic", offset: 9, length: 6 },
  ]), [{ type: "bold", children: ["bold and ", { type: "italic", children: ["italic"] }] }]);
  assert.deepEqual(tree("plain", []), ["plain"]);
});

test("overlapping entities are split; those outside the text are dropped", () => {
  assert.deepEqual(tree("abcdefgh", [
    { type: "bold", offset: 0, length: 5 },
    { type: "italic", offset: 3, length: 5 },
    { type: "code", offset: 50, length: 2 },
    { type: "underline", offset: -1, length: 3 },
    { type: "strikethrough", offset: 6, length: 1_000_000 },
  ]), [
    { type: "bold", children: ["abc", { type: "italic", children: ["de"] }] },
    { type: "italic", children: ["f", { type: "strikethrough", children: ["gh"] }] },
  ]);
});

test("100,000 nested entities draw in bounded time and depth", () => {
  const text = "x".repeat(100_000);
  const entities = Array.from({ length: 100_000 }, (_, i) => ({ type: "bold" as const, offset: i, length: 100_000 - i }));
  const started = Date.now();
  const nodes = tree(text, entities);
  assert.ok(Date.now() - started < 1000);
  assert.equal(depth(nodes), MAX_DRAWN_ENTITIES);
});
