// Person names. Chinese: a surname from the list (compound ones first) and one or two
// given-name characters after a cue (我叫, 我是, 联系人, 姓), or a word jieba tags `nr`.
// English: capitalised words after "I'm", "my name is", "this is", before "here"/"speaking",
// or a common given name in lowercase after a self-introduction ("its mike").
import { COMPOUND_SURNAMES, EN_GIVEN_NAMES, EN_NOT_NAMES, NOT_A_NAME, NOT_IN_GIVEN_NAME, SINGLE_SURNAMES } from "./dictionaries.ts";
import { alternation, fact, type Context, type Fact } from "./types.ts";

const SURNAME = `(?:${alternation(COMPOUND_SURNAMES)}|[${SINGLE_SURNAMES.join("")}])`;
const SURNAME_AT_START = new RegExp(`^${SURNAME}`);

/** The length of a Chinese name starting at `start` (surname plus 1-2 given characters), or 0. */
function chineseNameLength(ctx: Context, start: number): number {
  const rest = ctx.text.slice(start, start + 6);
  const surname = SURNAME_AT_START.exec(rest)?.[0];
  if (!surname) return 0;
  // jieba's own `nr` word at this place decides the length when it looks like a name.
  const token = ctx.tokens?.find((t) => t.start === start);
  if (token && token.tag.startsWith("nr") && token.word.length >= 2 && token.word.length <= 4 && token.word.startsWith(surname)) return token.word.length;
  let given = 0;
  while (given < 2) {
    const ch = rest[surname.length + given];
    if (!ch || !/[\u4e00-\u9fff]/.test(ch) || NOT_IN_GIVEN_NAME.has(ch)) break;
    given++;
  }
  // A three-character candidate whose last character starts the next word (王小明说 is fine,
  // but 陈静在 was stopped above); jieba's words refine this when present.
  if (given === 2 && ctx.tokens) {
    const crossing = ctx.tokens.find((t) => t.start === start + surname.length + 1 && t.word.length > 1);
    if (crossing) given = 1;
  }
  return given === 0 ? 0 : surname.length + given;
}

const ZH_CUES: { re: RegExp; confidence: number }[] = [
  { re: /(?:我叫|我的名字是|我名字叫|名字叫|名字是|本人|我是|联系人[:：]?\s*|找一下|找下|请问|我们(?:老板|经理|总监|领导|主管|老总)|收件人[:：]?\s*)\s*/g, confidence: 0.85 },
  { re: /(?:^|[，,。！!？?\s]|您好|你好)(?=[\u4e00-\u9fff]{2,4}(?:[，,]|是我们|是我的|是我司))/g, confidence: 0.6 },
  { re: /(?:的)(?=[\u4e00-\u9fff]{2,4}(?:你们|是我们|在吗))/g, confidence: 0.6 },
];
const ZH_NICKNAME = /叫我((?:小|老|阿)[\u4e00-\u9fff])(?=就|吧|好|[，,。!！]|$)/g;
const ZH_SURNAME_ONLY = new RegExp(`姓(${SURNAME})(?![名氏])`, "g");

function chineseNames(ctx: Context): Fact[] {
  const { text } = ctx;
  const found: Fact[] = [];
  for (const { re, confidence } of ZH_CUES) {
    for (const m of text.matchAll(re)) {
      const start = m.index + m[0].length;
      const length = chineseNameLength(ctx, start);
      if (length === 0) continue;
      const name = text.slice(start, start + length);
      if (NOT_A_NAME.has(name)) continue;
      // After 我是, a company or a role may follow (我是华为的, 我是老师): a name stands alone.
      if (m[0].startsWith("我是") && /^[\u4e00-\u9fff]/.test(text[start + length] ?? "") && !/^[，,\s]/.test(text[start + length] ?? "")) {
        if (!/^(说|呀|啊|哈)/.test(text.slice(start + length))) continue;
      }
      found.push(fact("name", text, start, start + length, confidence));
    }
  }
  for (const m of text.matchAll(ZH_NICKNAME)) found.push(fact("name", text, m.index + 2, m.index + 2 + m[1]!.length, 0.8));
  for (const m of text.matchAll(ZH_SURNAME_ONLY)) found.push(fact("name", text, m.index + 1, m.index + 1 + m[1]!.length, 0.8));
  for (const t of ctx.tokens ?? []) {
    // jieba tags known names `nr`; a name it has never seen comes out of its HMM as `x`.
    const unknownWord = t.tag === "x" && /^[\u4e00-\u9fff]{2,3}$/.test(t.word);
    if (!(t.tag.startsWith("nr") || unknownWord) || t.word.length < 2 || t.word.length > 4) continue;
    if (unknownWord && /[姐哥总叔姨妹弟]$/.test(t.word)) continue; // 李姐 is a form of address
    if (!SURNAME_AT_START.test(t.word) || NOT_A_NAME.has(t.word) || [...t.word].some((c) => NOT_IN_GIVEN_NAME.has(c))) continue;
    found.push(fact("name", text, t.start, t.end, unknownWord ? 0.5 : 0.55));
  }
  return found;
}

const CAPWORD = String.raw`\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){0,2}`;
const HONORIFIC = String.raw`(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+\p{Lu}[\p{Ll}'’-]+`;
/** A word matched in any letter case (the name part stays case-sensitive). */
const anyCase = (s: string) => s.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
const EN_CUE = String.raw`\b(?:${["i'm", "i’m", "i am", "im", "my name is", "my name's", "name's", "name is", "this is", "it's", "its", "it is", "call me", "thanks", "thx", "ty", "thank you"].map(anyCase).join("|")}|my (?:wife|husband|colleague|boss|manager|partner|son|daughter|friend|brother|sister|assistant))`;
const EN_AFTER_CUE = new RegExp(String.raw`${EN_CUE}\s+(${HONORIFIC}|${CAPWORD}|[a-z]+)`, "gu");
const EN_BEFORE_CUE = new RegExp(String.raw`(?:^|[.!?]\s+|\b(?:${["hi", "hey", "hello"].map(anyCase).join("|")})[,!]?\s+|,\s+)(${HONORIFIC}|${CAPWORD})(?=\s+(?:here|speaking)\b)`, "gu");
const EN_LINE_START = new RegExp(String.raw`^(?:(?:${["hi", "hey", "hello"].map(anyCase).join("|")})[,!]?\s+)?(${CAPWORD})(?=\s+from\b|,\s)`, "gu");
const EN_HONORIFIC = new RegExp(HONORIFIC, "gu");
const EN_SPEAKING = new RegExp(String.raw`(${HONORIFIC}|${CAPWORD})(?=\s+speaking\b)`, "gu");

function englishNames(text: string): Fact[] {
  const found: Fact[] = [];
  const push = (name: string, start: number, confidence: number) => {
    const words = name.split(/\s+/);
    // Stop at the first word that is not a name ("Carlos btw" is matched as one word already).
    const kept: string[] = [];
    for (const w of words) {
      if (EN_NOT_NAMES.has(w) && !/^(Mr|Mrs|Ms|Miss|Dr|Prof)\.?$/.test(w)) break;
      kept.push(w);
    }
    if (kept.length === 0) return;
    const value = kept.join(" ");
    if (!/\p{Lu}/u.test(value[0]!) && !EN_GIVEN_NAMES.has(value)) return;
    found.push(fact("name", text, start, start + text.slice(start).indexOf(kept[kept.length - 1]!) + kept[kept.length - 1]!.length, confidence));
  };
  for (const m of text.matchAll(EN_AFTER_CUE)) {
    const name = m[1]!;
    if (/^[a-z]/.test(name) && !EN_GIVEN_NAMES.has(name)) continue;
    if (/^\p{Lu}/u.test(name) === false && !EN_GIVEN_NAMES.has(name)) continue;
    push(name, m.index + m[0].length - name.length, /^\p{Lu}/u.test(name) ? 0.85 : 0.7);
  }
  for (const m of text.matchAll(EN_BEFORE_CUE)) push(m[1]!, m.index + m[0].length - m[1]!.length, 0.75);
  for (const m of text.matchAll(EN_LINE_START)) {
    // "Hi Alice, ..." greets the reader: the name after a greeting is the writer's only in "Hi, Ahmed Khan from ...".
    const greeted = m[0] !== m[1] && text.slice(m.index + m[0].length).startsWith(",");
    if (!greeted) push(m[1]!, m.index + m[0].length - m[1]!.length, 0.6);
  }
  for (const m of text.matchAll(EN_HONORIFIC)) push(m[0], m.index, 0.7);
  for (const m of text.matchAll(EN_SPEAKING)) push(m[1]!, m.index, 0.75);
  return found;
}

export function recogniseNames(ctx: Context): Fact[] {
  return [...chineseNames(ctx), ...englishNames(ctx.text)];
}
