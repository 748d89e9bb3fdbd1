// Companies and other organisations (schools, hospitals, agencies), in both languages:
// a gazetteer of well-known names, suffixes (有限公司, 大学, Inc., University) with the
// name before them, and English cues ("at", "from", "called") before a capitalised name.
import {
  EN_COMPANY_SUFFIXES, EN_NOT_NAMES, EN_ORG_HEADS, KNOWN_COMPANIES_EN, KNOWN_COMPANIES_MULTI_EN, KNOWN_COMPANIES_ZH,
  KNOWN_ORGS_EN, KNOWN_ORGS_MULTI_EN, KNOWN_ORGS_ZH, ZH_COMPANY_SUFFIXES, ZH_ORG_SUFFIXES,
} from "./dictionaries.ts";
import { nameStartBefore } from "./spans.ts";
import { alternation, fact, type Context, type Fact, type FactType } from "./types.ts";

const ZH_SUFFIX = new RegExp(`(?:${alternation(ZH_COMPANY_SUFFIXES)})+`, "g");
const ZH_ORG_SUFFIX = new RegExp(`(?:${alternation(ZH_ORG_SUFFIXES.filter((s) => s.length > 1))})(?![\u4e00-\u9fff]?[生])`, "g");
const ZH_SCHOOL_NUMBER = /[\u4e00-\u9fff]{2,4}?[一二三四五六七八九十\d]{1,3}中(?![国文心间午])/g;
const ZH_KNOWN_COMPANY = new RegExp(`(?:${alternation(KNOWN_COMPANIES_ZH)})(?:${alternation(ZH_COMPANY_SUFFIXES)})*`, "g");
const ZH_KNOWN_ORG = new RegExp(alternation(KNOWN_ORGS_ZH), "g");

const CAP = String.raw`(?:\p{Lu}[\p{L}\d'’&.-]*|&)`;
const EN_SUFFIX_COMPANY = new RegExp(String.raw`(?<![\p{L}])(?:${CAP}\s+){1,4}(?:${alternation(EN_COMPANY_SUFFIXES)})(?![\p{L}])`, "gu");
const EN_KNOWN_COMPANY = new RegExp(String.raw`(?<![\p{L}])(?:${alternation([...KNOWN_COMPANIES_MULTI_EN, ...KNOWN_COMPANIES_EN])})(?![\p{L}])`, "giu");
const EN_KNOWN_ORG = new RegExp(String.raw`(?<![\p{L}])(?:${alternation([...KNOWN_ORGS_MULTI_EN, ...KNOWN_ORGS_EN])})(?![\p{L}])`, "gu");
const EN_ORG = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:${CAP}\s+){1,3}(?:${alternation(EN_ORG_HEADS)})(?:\s+of\s+(?:${CAP}\s*){1,3})?|(?:${alternation(EN_ORG_HEADS)})\s+of\s+(?:\p{Lu}[\p{L}'’-]*\s*){1,3})(?![\p{L}])`,
  "gu",
);
const EN_LOWER_ORG = /\b(?:city|county|state|town|district|local|health|police|fire|school)\s+(?:[a-z]+\s+)?(?:council|department|board|office|district|commission)\b/g;
const EN_CUE_NAME = new RegExp(String.raw`\b(?:at|for|from|with|called|named|join(?:ed)?|We(?:'re| are))\s+((?:\p{Lu}[\p{L}\d'’&-]*)(?:\s+(?:&\s+)?\p{Lu}[\p{L}\d'’&-]*){0,2})`, "gu");
const ORG_WORDS = new RegExp(`\\b(?:${EN_ORG_HEADS.join("|")})\\b`);

const COMPANY_CUE_BEFORE_LOWER = /\b(?:at|for|with)\s+$/i;

function trimDot(s: string): string {
  // "Ltd." keeps its dot; a sentence's full stop does not belong to a name.
  return /(?:Inc|Ltd|Corp|Co|S\.A)\.$/.test(s) ? s : s.replace(/[.,]+$/, "");
}

export function recogniseOrganisations(ctx: Context): Fact[] {
  const { text } = ctx;
  const found: Fact[] = [];
  const add = (type: FactType, start: number, end: number, confidence: number) => {
    if (end - start >= 2) found.push(fact(type, text, start, end, confidence));
  };
  // Chinese: a name before a suffix, or a name from the gazetteer.
  for (const m of text.matchAll(ZH_SUFFIX)) {
    const start = nameStartBefore(ctx, m.index);
    if (m.index - start >= 2) add("company", start, m.index + m[0].length, 0.8);
  }
  for (const m of text.matchAll(ZH_ORG_SUFFIX)) {
    const start = nameStartBefore(ctx, m.index);
    if (m.index - start >= 1) add("organization", start, m.index + m[0].length, 0.82);
  }
  for (const m of text.matchAll(ZH_SCHOOL_NUMBER)) {
    const start = nameStartBefore(ctx, m.index + m[0].search(/[一二三四五六七八九十\d]/));
    add("organization", start, m.index + m[0].length, 0.75);
  }
  for (const m of text.matchAll(ZH_KNOWN_COMPANY)) add("company", m.index, m.index + m[0].length, 0.85);
  for (const m of text.matchAll(ZH_KNOWN_ORG)) add("organization", m.index, m.index + m[0].length, 0.85);

  // English.
  for (const m of text.matchAll(EN_SUFFIX_COMPANY)) {
    let s = m[0];
    let start = m.index;
    // Drop leading words that are not part of the name ("We're Globex Corporation").
    for (;;) {
      const first = /^(\S+)\s+/.exec(s);
      if (!first || !EN_NOT_NAMES.has(first[1]!.replace(/[’']re$|[’']s$/, "")) && !/^(?:We're|We’re|I'm|It's)$/.test(first[1]!)) break;
      start += first[0].length;
      s = s.slice(first[0].length);
    }
    s = trimDot(s);
    if (/\s/.test(s) || /^(?:Inc|Ltd|Corp|LLC|GmbH|AG)/.test(s) === false) add(ORG_WORDS.test(s) ? "organization" : "company", start, start + s.length, 0.8);
  }
  for (const m of text.matchAll(EN_KNOWN_COMPANY)) {
    const exact = KNOWN_COMPANIES_EN.includes(m[0]) || KNOWN_COMPANIES_MULTI_EN.includes(m[0]);
    // Lowercase ("i work at amazon") only counts right after a workplace cue.
    if (!exact && !COMPANY_CUE_BEFORE_LOWER.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    add("company", m.index, m.index + m[0].length, exact ? 0.85 : 0.7);
  }
  for (const m of text.matchAll(EN_KNOWN_ORG)) add("organization", m.index, m.index + m[0].length, 0.86);
  for (const m of text.matchAll(EN_ORG)) {
    const s = trimDot(m[0].trimEnd());
    let start = m.index;
    let name = s;
    const first = /^(\S+)\s+/.exec(name);
    if (first && EN_NOT_NAMES.has(first[1]!) && first[1] !== "St.") { start += first[0].length; name = name.slice(first[0].length); }
    add("organization", start, start + name.length, 0.84);
  }
  for (const m of text.matchAll(EN_LOWER_ORG)) add("organization", m.index, m.index + m[0].length, 0.6);
  for (const m of text.matchAll(EN_CUE_NAME)) {
    const name = trimDot(m[1]!);
    const start = m.index + m[0].length - m[1]!.length;
    const words = name.split(/\s+/);
    if (words.every((w) => EN_NOT_NAMES.has(w))) continue;
    if (EN_NOT_NAMES.has(words[0]!) || /^\S{1,3}$/.test(name) && /\d/.test(name)) continue;
    add(ORG_WORDS.test(name) ? "organization" : "company", start, start + name.length, 0.55);
  }
  // A gazetteer hit inside a longer name (网易 in 杭州网易雷火科技有限公司, Siemens in
  // Siemens AG, 清华 in 清华大学) is part of that name.
  return found.filter((f) => !found.some((g) => g !== f && g.start <= f.start && f.end <= g.end && g.end - g.start > f.end - f.start));
}
