// The entities Telegram detects in a person's text: mentions, hashtags, cashtags, bot
// commands, URLs, emails and phone numbers. Pure. Offsets and lengths are UTF-16 code units
// (JavaScript string indices), as the Bot API defines them, so an emoji before an entity
// counts two.
//
// Links are found first (URLs, then emails); a later match overlapping an earlier one is
// dropped, so "bob@example.com" is one email and not also a mention, and "/path" inside a
// URL is not a command.
import type { MessageEntity } from "../protocol/messages.ts";

/** Detected entities per text: a text is at most 4096 characters, and clients draw each one. */
export const MAX_DETECTED = 100;

// Characters that make a word: a mention, hashtag or command glued to one is not an entity.
const W = "\\p{L}\\p{M}\\p{N}_";

// Top-level domains a link without a scheme may end in: every two-letter country code, and
// the generic ones people write. Anything else ("file.txt", "v1.final") stays text.
const GENERIC_TLDS = new Set(
  (
    "com org net edu gov mil int info biz name pro mobi aero coop museum jobs travel " +
    "io ai app dev page blog cloud site online store shop tech xyz top club live news " +
    "media art design studio space website wiki email link world today life group " +
    "agency digital network systems solutions services software company academy " +
    "center codes tools zone chat social games game video music photo photos travel " +
    "rocks ninja guru expert education school university gallery review reviews " +
    "рф укр срб бел қаз"
  ).split(" "),
);

function isTld(tld: string): boolean {
  const t = tld.toLowerCase();
  return /^[a-z]{2}$/.test(t) || GENERIC_TLDS.has(t);
}

type Found = { type: MessageEntity["type"]; start: number; end: number };

// A URL's end: punctuation closing a sentence is not part of it, nor an unmatched bracket.
const TRAILING = new Set([".", ",", ";", ":", "!", "?", "'", '"', "»", "…", "*", "_", "~"]);
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

function trimUrlEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const last = text[end - 1]!;
    if (TRAILING.has(last)) {
      end--;
      continue;
    }
    const open = PAIRS[last];
    if (open) {
      const body = text.slice(start, end);
      const opens = body.split(open).length - 1;
      const closes = body.split(last).length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    break;
  }
  return end;
}

const SCHEME_URL = new RegExp(`(?<![${W}])(?:https?|ftp):\\/\\/[^\\s<>"\\u00a0]+`, "giu");
const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
const BARE_URL = new RegExp(`(?<![${W}@.\\/:-])(?:${LABEL}\\.)+(\\p{L}{2,63})(?::\\d{1,5})?(?:[\\/?#][^\\s<>"\\u00a0]*)?(?![${W}@-])`, "gu");
const EMAIL = new RegExp(
  `(?<![${W}.+%-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_])?@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63})(?![${W}@-]|\\.[A-Za-z0-9])`,
  "gu",
);
const MENTION = new RegExp(`(?<![${W}@.\\/])@[A-Za-z][A-Za-z0-9_]{2,31}(?![${W}@])`, "gu");
const HASHTAG = new RegExp(`(?<![${W}#&\\/])#[${W}]{1,256}`, "gu");
const CASHTAG = new RegExp(`(?<![${W}$])\\$[A-Z]{1,8}(?![${W}])`, "gu");
const COMMAND = new RegExp(`(?<![${W}\\/<>.:])\\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![${W}\\/@])`, "gu");
// "+" and 7 to 15 digits, in groups split by one space, dash or dot, the first group maybe in brackets.
const PHONE = new RegExp(`(?<![${W}+])\\+\\d{1,4}(?:[ .-]?\\(?\\d{1,5}\\)?)(?:[ .-]?\\d{1,5}){1,5}(?![${W}])`, "gu");

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

function find(text: string): Found[] {
  const found: Found[] = [];
  for (const m of matches(SCHEME_URL, text)) {
    const end = trimUrlEnd(text, m.index, m.index + m[0].length);
    // "https://" alone is no link: something must follow the scheme.
    if (!/^[a-z]+:\/\/[^/?#]/i.test(text.slice(m.index, end))) continue;
    found.push({ type: "url", start: m.index, end });
  }
  for (const m of matches(EMAIL, text)) {
    const tld = m[1]!.split(".").at(-1)!;
    if (isTld(tld)) found.push({ type: "email", start: m.index, end: m.index + m[0].length });
  }
  for (const m of matches(BARE_URL, text)) {
    if (!isTld(m[1]!)) continue;
    found.push({ type: "url", start: m.index, end: trimUrlEnd(text, m.index, m.index + m[0].length) });
  }
  for (const m of matches(MENTION, text)) found.push({ type: "mention", start: m.index, end: m.index + m[0].length });
  for (const m of matches(HASHTAG, text)) {
    // A hashtag needs a letter: "#1" is a number, not a tag.
    if (/^#[\p{N}_]+$/u.test(m[0])) continue;
    found.push({ type: "hashtag", start: m.index, end: m.index + m[0].length });
  }
  for (const m of matches(CASHTAG, text)) found.push({ type: "cashtag", start: m.index, end: m.index + m[0].length });
  for (const m of matches(COMMAND, text)) found.push({ type: "bot_command", start: m.index, end: m.index + m[0].length });
  for (const m of matches(PHONE, text)) {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits >= 7 && digits <= 15) found.push({ type: "phone_number", start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** The entities a client would detect in `text`, in text order, none overlapping. */
export function detectEntities(text: string): MessageEntity[] {
  const kept: Found[] = [];
  for (const f of find(text)) {
    if (f.end <= f.start) continue;
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    kept.push(f);
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .slice(0, MAX_DETECTED)
    .map((f) => ({ type: f.type, offset: f.start, length: f.end - f.start }));
}

/** What a detected URL opens: the text itself, or with http:// put before a bare domain. */
export function urlTarget(text: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
}
