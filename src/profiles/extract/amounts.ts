// Amounts of money: a currency sign or word, a magnitude (k, 万, 千), or a bare number
// where the chat is about a price or budget ("能不能2500给我", "budget of 20k").
import { fact, type Context, type Fact } from "./types.ts";

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN_NUM = "[一二两三四五六七八九十百千万零〇几]+";
const MAG = String.raw`(?:[kK](?![a-zA-Z])|[mM](?![a-zA-Z])|万|千|亿|w(?![a-zA-Z]))`;
const PREFIX = String.raw`(?:US\$|HK\$|A\$|C\$|[￥¥$€£]|(?:RMB|CNY|USD|EUR|GBP|HKD)\s?)`;
const UNIT = String.raw`(?:块钱|块|元|圆|rmb|RMB|人民币|美元|美金|欧元|英镑|港币|dollars?|bucks|euros?|pounds?|quid|yuan|USD|EUR|GBP|CNY)`;

const PATTERNS: { re: RegExp; confidence: number }[] = [
  { re: new RegExp(String.raw`${PREFIX}\s?(?:${NUM})\s?${MAG}?`, "g"), confidence: 0.95 },
  { re: new RegExp(String.raw`(?<![\w.])(?:${NUM})\s?${MAG}?\s?${UNIT}(?![a-zA-Z])`, "g"), confidence: 0.92 },
  { re: new RegExp(String.raw`${CN_NUM}(?:块钱|块|元|万元|万块|万)(?![\u4e00-\u9fff]?[人个件台次字条只本张辆])`, "g"), confidence: 0.85 },
  { re: new RegExp(String.raw`(?<![\w.])(?:${NUM})(?:万|千|[kK]|w)(?![a-zA-Z\u4e00-\u9fff]|[\u4e00-\u9fff]?[人个件台次字条只本张辆米步公])`, "g"), confidence: 0.8 },
  { re: new RegExp(String.raw`(?<![\w.])(?:${NUM})(?:万|千)(?=左右|以内|以下|以上|上下|多|吧|的|，|,|。|$|\s)`, "g"), confidence: 0.8 },
];

// A bare number is an amount only in a price or budget phrase just before it.
const PRICE_CUE = /(预算|价格|价钱|报价|便宜|多少钱|最多|最少|定金|订金|尾款|付了?|能不能|可不可以|给你|budget|pay|paid|spend|price|cost|total|max|do|take|offer)\s*(?:is|of|about|around|大概|大约|是)?\s*$/i;
const BARE = /(?<![\w.,/+-])(\d{1,3}(?:,\d{3})+|\d{3,7})(?![\w.,/%-]|\s?(?:[\u4e00-\u9fff]?[人个件台次字条只本张辆号点分秒年月日天]))/g;

const BUDGET_CUE = /(预算|budget|最多|max|spend|以内)/i;

function currencyOf(s: string, text: string): string {
  if (/[$]|dollar|bucks|USD|美元|美金/i.test(s)) return "USD";
  if (/€|euro|EUR|欧元/i.test(s)) return "EUR";
  if (/£|pound|quid|GBP|英镑/i.test(s)) return "GBP";
  if (/[￥¥]|RMB|CNY|元|块|人民币|万|千|yuan/i.test(s)) return "CNY";
  return /[\u4e00-\u9fff]/.test(text) ? "CNY" : "USD";
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000, 亿: 1e8 };

/** 三千 -> 3000, 两万五千 -> 25000. */
export function parseChineseNumber(s: string): number | null {
  let total = 0, section = 0, digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch === "万" || ch === "亿") {
      total += (section + digit) * CN_UNITS[ch]!;
      section = 0; digit = 0;
    } else if (ch in CN_UNITS) {
      section += (digit || 1) * CN_UNITS[ch]!;
      digit = 0;
    } else return null;
  }
  return total + section + digit;
}

/** The number an amount stands for: "$2.5k" -> 2500, "5万" -> 50000, "三千块" -> 3000. */
export function amountValue(s: string): number | null {
  const m = new RegExp(`${NUM}`).exec(s);
  if (!m) {
    const cn = new RegExp(CN_NUM).exec(s);
    return cn ? parseChineseNumber(cn[0]) : null;
  }
  let n = Number(m[0].replace(/,/g, ""));
  const rest = s.slice(m.index + m[0].length);
  if (/^\s?[kK]/.test(rest) || /^千/.test(rest)) n *= 1000;
  else if (/^\s?[mM]/.test(rest)) n *= 1e6;
  else if (/^(万|w)/.test(rest)) n *= 10000;
  else if (/^亿/.test(rest)) n *= 1e8;
  return n;
}

export function recogniseAmounts({ text }: Context): Fact[] {
  const found: Fact[] = [];
  const add = (start: number, end: number, confidence: number) => {
    if (found.some((f) => f.start < end && start < f.end)) return;
    const s = text.slice(start, end);
    const n = amountValue(s);
    const before = text.slice(Math.max(0, start - 20), start); // "budget of about $15,000"
    found.push(fact("amount", text, start, end, confidence, {
      ...(n === null ? {} : { value: `${n} ${currencyOf(s, text)}` }),
      ...(BUDGET_CUE.test(before) || BUDGET_CUE.test(text.slice(end, end + 4)) ? { role: "budget" as const } : {}),
    }));
  };
  for (const { re, confidence } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const trimmed = m[0].replace(/\s+$/, "");
      add(m.index, m.index + trimmed.length, confidence);
    }
  }
  for (const m of text.matchAll(BARE)) {
    if (PRICE_CUE.test(text.slice(Math.max(0, m.index - 16), m.index))) add(m.index, m.index + m[0].length, 0.6);
  }
  return found;
}
