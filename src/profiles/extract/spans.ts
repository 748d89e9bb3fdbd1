// Where a Chinese name phrase starts: walking left from a suffix (有限公司, 大学) over words
// that can be part of a name, stopping at pronouns, verbs of the sentence and punctuation.
import type { Context } from "./types.ts";

/** Words that end the walk: they belong to the sentence, not to the name before the suffix. */
const STOP_WORDS = [
  "我们", "咱们", "你们", "他们", "这边", "那边", "这里", "单位", "公司是", "公司叫", "抬头", "开票", "发票", "就是", "还是", "以前", "之前", "现在", "目前", "平时", "上班", "工作",
  "是", "在", "的", "叫", "给", "到", "写", "做", "当", "去", "来", "从", "为", "于", "了", "和", "与", "跟", "及", "或", "我", "你", "他", "她", "这", "那", "个", "读", "找", "问", "请", "要", "想", "被", "把", "对", "向", "让", "说", "也", "都", "还", "就", "吗", "呢", "吧", "啊",
];
const STOP_TAGS = new Set(["r", "p", "uj", "ul", "uz", "ug", "uv", "ud", "c", "d", "y", "e", "o", "w"]);
const HAN_OR_NAME = /[\u4e00-\u9fff\dA-Za-z·]/;

/**
 * The start of the name ending at `end` (exclusive of the suffix at `end`), walking left
 * at most `maxChars`; returns `end` when no name precedes it.
 */
export function nameStartBefore(ctx: Context, end: number, maxChars = 12): number {
  const { text, tokens } = ctx;
  const limit = Math.max(0, end - maxChars);
  if (tokens) {
    let i = tokens.findIndex((t) => t.start < end && end <= t.end);
    if (i >= 0) {
      let start = end;
      // jieba may keep name and suffix in one word (协和医院/nt): the name starts with it.
      const inside = tokens[i]!;
      if (inside.end > end) {
        if (!/^n/.test(inside.tag)) return end;
        start = inside.start;
        i--;
      }
      for (; i >= 0; i--) {
        const t = tokens[i]!;
        if (t.start < limit || STOP_TAGS.has(t.tag) || STOP_WORDS.includes(t.word) || !HAN_OR_NAME.test(t.word) || /^[\s，。、！？：；,.!?]/.test(t.word)) break;
        // A stop word glued to the front of a token (是深圳): cut at the stop word.
        const glued = STOP_WORDS.find((w) => t.word.startsWith(w) && w.length < t.word.length);
        if (glued && t.tag !== "ns" && t.tag !== "nt" && t.tag !== "nz") { start = t.start + glued.length; break; }
        start = t.start;
      }
      return start;
    }
  }
  let start = end;
  while (start > limit) {
    const prev = text.slice(0, start);
    if (!HAN_OR_NAME.test(text[start - 1]!)) break;
    if (STOP_WORDS.some((w) => w.length > 1 && prev.endsWith(w))) break;
    if (STOP_WORDS.includes(text[start - 1]!)) break;
    start--;
  }
  return start;
}
