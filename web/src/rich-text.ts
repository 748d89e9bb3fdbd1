// A formatted text as a tree, built in bounded time from whatever entities a message holds:
// a message may come from any bot or client, so its entities may overlap, lie outside the
// text, or be very many. Pure; the caller says how to wrap a piece of text in an entity.

import type { MessageEntity } from "./types.ts";

/** Entities drawn per message; the server refuses more than this (bots/schemas.ts). */
export const MAX_DRAWN_ENTITIES = 100;
/** Characters drawn per message; the server's own limit is 4096 (protocol MAX_TEXT). */
export const MAX_DRAWN_TEXT = 16_384;

type Span = { entity: MessageEntity; start: number; end: number; index: number };

/**
 * The text's pieces, each wrapped in the entities covering it. Outer before inner (by start,
 * then the longer first); an entity that crosses another's end is split in two, so the
 * result is always a tree. No recursion: an explicit stack of open entities, at most
 * MAX_DRAWN_ENTITIES deep.
 */
export function richTree<T>(
  fullText: string,
  entities: readonly MessageEntity[] | undefined,
  wrap: (entity: MessageEntity, children: (T | string)[], key: string) => T,
): (T | string)[] {
  const text = fullText.length > MAX_DRAWN_TEXT ? `${fullText.slice(0, MAX_DRAWN_TEXT)}…` : fullText;
  const length = Math.min(text.length, MAX_DRAWN_TEXT);
  const spans: Span[] = [];
  for (const entity of entities ?? []) {
    if (spans.length >= MAX_DRAWN_ENTITIES) break;
    const { offset, length: len } = entity;
    if (!Number.isInteger(offset) || !Number.isInteger(len) || offset < 0 || len < 1 || offset >= length) continue;
    spans.push({ entity, start: offset, end: Math.min(offset + len, length), index: spans.length });
  }
  if (!spans.length) return [text];
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.index - b.index);

  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const root: (T | string)[] = [];
  const open: { span: Span; children: (T | string)[] }[] = [];
  const close = (at: number) => {
    const frame = open.pop()!;
    (open.at(-1)?.children ?? root).push(wrap(frame.span.entity, frame.children, `${frame.span.index}@${at}`));
  };
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [from, to] = [cuts[c]!, cuts[c + 1]!];
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    let same = 0;
    while (same < open.length && same < covering.length && open[same]!.span === covering[same]) same++;
    while (open.length > same) close(from);
    for (const span of covering.slice(same)) open.push({ span, children: [] });
    (open.at(-1)?.children ?? root).push(text.slice(from, to));
  }
  while (open.length) close(text.length);
  return root;
}
