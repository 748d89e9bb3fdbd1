// Telegram's parse_mode: HTML and MarkdownV2 turned into plain text plus entities.
// Offsets and lengths are in UTF-16 code units, as the Bot API defines them.

import type { MessageEntity } from "../protocol/messages.ts";

export type { MessageEntity };

export type Parsed = { ok: true; text: string; entities: MessageEntity[] } | { ok: false; reason: string };

export function parseMarkup(text: string, mode: string | undefined): Parsed {
  if (!mode) return { ok: true, text, entities: [] };
  switch (mode.toLowerCase()) {
    case "html":
      return parseHtml(text);
    case "markdownv2":
      return parseMarkdownV2(text);
    case "markdown":
      return parseMarkdownV2(text, true);
    default:
      return { ok: false, reason: `unsupported parse_mode "${mode}"` };
  }
}

function finish(text: string, entities: MessageEntity[]): Parsed {
  const kept = entities.filter((e) => e.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text, entities: kept };
}

// ---- MarkdownV2 -----------------------------------------------------------------------------

const reserved = new Set("_*[]()~`>#+-=|{}.!".split(""));

type Open = { type: MessageEntity["type"]; start: number; at: number };

/** `legacy` is Telegram's old Markdown: the same markers, but no escaping rule for the rest. */
function parseMarkdownV2(src: string, legacy = false): Parsed {
  let out = "";
  const entities: MessageEntity[] = [];
  const stack: Open[] = [];
  const fail = (reason: string): Parsed => ({ ok: false, reason: `can't parse entities: ${reason}` });

  const toggle = (type: MessageEntity["type"], at: number): Parsed | null => {
    const top = stack.at(-1);
    if (top?.type === type) {
      stack.pop();
      entities.push({ type, offset: top.start, length: out.length - top.start });
      return null;
    }
    if (stack.some((o) => o.type === type)) return fail(`can't find end of ${type} entity at byte offset ${at}`);
    stack.push({ type, start: out.length, at });
    return null;
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "\\" && i + 1 < src.length) {
      out += src[++i];
      continue;
    }
    if (ch === "`") {
      const isPre = src.startsWith("```", i);
      const fence = isPre ? "```" : "`";
      let j = i + fence.length;
      let language: string | undefined;
      if (isPre) {
        const nl = src.indexOf("\n", j);
        const firstLine = nl === -1 ? "" : src.slice(j, nl);
        if (nl !== -1 && /^[\w+#.-]*$/.test(firstLine)) {
          language = firstLine || undefined;
          j = nl + 1;
        }
      }
      let content = "";
      let closed = false;
      for (; j < src.length; j++) {
        if (src[j] === "\\" && j + 1 < src.length) {
          content += src[++j];
        } else if (src.startsWith(fence, j)) {
          closed = true;
          break;
        } else content += src[j];
      }
      if (!closed) return fail(`can't find end of ${isPre ? "pre" : "code"} entity at byte offset ${i}`);
      const e: MessageEntity = { type: isPre ? "pre" : "code", offset: out.length, length: content.length };
      if (language) e.language = language;
      entities.push(e);
      out += content;
      i = j + fence.length - 1;
      continue;
    }
    if (ch === "*") {
      const r = toggle("bold", i);
      if (r) return r;
      continue;
    }
    if (ch === "_") {
      if (src[i + 1] === "_") {
        const r = toggle("underline", i);
        if (r) return r;
        i++;
      } else {
        const r = toggle("italic", i);
        if (r) return r;
      }
      continue;
    }
    if (ch === "~") {
      const r = toggle("strikethrough", i);
      if (r) return r;
      continue;
    }
    if (ch === "|" && src[i + 1] === "|") {
      const r = toggle("spoiler", i);
      if (r) return r;
      i++;
      continue;
    }
    if (ch === "[") {
      stack.push({ type: "text_link", start: out.length, at: i });
      continue;
    }
    if (ch === "]") {
      const top = stack.at(-1);
      if (top?.type !== "text_link") {
        if (!legacy) return fail(`character ']' is reserved and must be escaped with the preceding '\\'`);
        out += ch;
        continue;
      }
      if (src[i + 1] !== "(") return fail(`can't find URL for the link at byte offset ${top.at}`);
      let end = i + 2;
      while (end < src.length && src[end] !== ")") end += src[end] === "\\" ? 2 : 1;
      if (end >= src.length) return fail(`can't find end of the URL at byte offset ${i + 1}`);
      const url = src.slice(i + 2, end).replace(/\\(.)/g, "$1");
      stack.pop();
      entities.push({ type: "text_link", offset: top.start, length: out.length - top.start, url });
      i = end;
      continue;
    }
    if (!legacy && reserved.has(ch)) {
      return fail(`character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    out += ch;
  }
  const open = stack.at(-1);
  if (open) return fail(`can't find end of ${open.type} entity at byte offset ${open.at}`);
  return finish(out, entities);
}

// ---- HTML ----------------------------------------------------------------------------------

const tagTypes: Record<string, MessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  code: "code",
  pre: "pre",
  a: "text_link",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  blockquote: "blockquote",
};

const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return named[body.toLowerCase()] ?? m;
  });
}

function parseHtml(src: string): Parsed {
  let out = "";
  const entities: MessageEntity[] = [];
  const stack: { tag: string; entity: MessageEntity }[] = [];
  const fail = (reason: string): Parsed => ({ ok: false, reason: `can't parse entities: ${reason}` });
  const tagRe = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[a-zA-Z-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))*)\s*>/y;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const chunkEnd = lt === -1 ? src.length : lt;
    out += decodeEntities(src.slice(i, chunkEnd));
    if (lt === -1) break;
    tagRe.lastIndex = lt;
    const m = tagRe.exec(src);
    if (!m) return fail(`unexpected '<' at byte offset ${lt}; write it as &lt;`);
    const [, closing, rawName, attrs] = m;
    const name = rawName!.toLowerCase();
    const type = tagTypes[name];
    if (!type) return fail(`unsupported ${closing ? "end" : "start"} tag "${name}" at byte offset ${lt}`);
    if (closing) {
      const top = stack.pop();
      if (!top || top.tag !== name) return fail(`unmatched end tag at byte offset ${lt}, expected "</${top?.tag ?? ""}>", found "</${name}>"`);
      top.entity.length = out.length - top.entity.offset;
      // <pre><code class="language-x"> is one pre entity with a language.
      const parent = stack.at(-1);
      if (top.entity.type === "code" && top.entity.language && parent?.entity.type === "pre") {
        parent.entity.language = top.entity.language;
      } else {
        entities.push(top.entity);
      }
    } else {
      const attr = (key: string) => {
        const a = new RegExp(`${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs ?? "");
        return a ? decodeEntities(a[1] ?? a[2] ?? a[3] ?? "") : undefined;
      };
      const entity: MessageEntity = { type, offset: out.length, length: 0 };
      if (name === "a") {
        const href = attr("href");
        if (!href) return fail(`a link at byte offset ${lt} has no href`);
        entity.url = href;
      }
      if (name === "span" && attr("class") !== "tg-spoiler") return fail(`a span at byte offset ${lt} must have class "tg-spoiler"`);
      if (name === "code") {
        const lang = /^language-(.+)$/.exec(attr("class") ?? "")?.[1];
        if (lang) entity.language = lang;
      }
      stack.push({ tag: name, entity });
    }
    i = lt + m[0].length;
  }
  const open = stack.at(-1);
  if (open) return fail(`can't find end tag corresponding to start tag "${open.tag}"`);
  return finish(out, entities);
}
