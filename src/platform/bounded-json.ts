// JSON from outside, read within bounds. JSON.parse copes with any depth, but what it builds
// may not: structured clone over RPC, recursive walks and renderers overflow their stacks on a
// value nested 100,000 deep. So nesting is measured, in one linear pass, before parsing.

/** Deeper than any value our APIs take (a keyboard is 4 levels); ours. */
export const MAX_JSON_DEPTH = 32;

/** Whether `text` nests arrays and objects no deeper than `max`. Strings are skipped. */
export function jsonDepthWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return false;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return true;
}

/** The value `text` holds, or `undefined` when it is not JSON or nests deeper than `maxDepth`. */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (!jsonDepthWithin(text, maxDepth)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
