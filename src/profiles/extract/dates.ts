// Dates: chrono-node's English and Chinese (simplified) parsers, plus period words chrono
// leaves out (年底, 月初, end of the month). A date near 生日/born/DOB is a birthday.
import * as chrono from "chrono-node";
import { fact, type Context, type Fact } from "./types.ts";

const BIRTHDAY_CUE = /(生日|出生|生的|生于|birthday|born|\bDOB\b|date of birth|bday)/i;

// Periods chrono does not parse; the value is the period's first or last day.
const PERIODS: { re: RegExp; resolve: (now: Date, m: RegExpMatchArray) => Date }[] = [
  { re: /(?:今年|明年|去年)?年(?:底|末)/g, resolve: (now, m) => new Date(Date.UTC(now.getUTCFullYear() + (m[0].startsWith("明年") ? 1 : m[0].startsWith("去年") ? -1 : 0), 11, 31)) },
  { re: /(?:今年|明年)?年初/g, resolve: (now, m) => new Date(Date.UTC(now.getUTCFullYear() + (m[0].startsWith("明年") ? 1 : 0), 0, 1)) },
  { re: /(?:这个月|本月|下个?月|上个?月)?月(?:底|末)/g, resolve: (now, m) => monthEdge(now, monthShift(m[0]), true) },
  { re: /(?:这个月|本月|下个?月|上个?月)月?初/g, resolve: (now, m) => monthEdge(now, monthShift(m[0]), false) },
  { re: /(?:明年|今年)\d{1,2}月(?:份)?(?:\d{1,2}[日号])?/g, resolve: (now, m) => new Date(Date.UTC(now.getUTCFullYear() + (m[0].startsWith("明年") ? 1 : 0), Number(/(\d{1,2})月/.exec(m[0])![1]) - 1, 1)) },
  { re: /(?:下个?月|这个月|本月)\d{1,2}[号日]/g, resolve: (now, m) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthShift(m[0]), Number(/(\d{1,2})[号日]/.exec(m[0])![1]))) },
  { re: /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!:)/g, resolve: (now, m) => englishMonthDay(now, m[0]) },
  { re: /\b(?:the\s+)?end of (?:this|the|next) (?:week|month|year)\b/gi, resolve: (now, m) => endOf(now, m[0].toLowerCase()) },
];

function monthShift(s: string): number {
  return s.startsWith("下") ? 1 : s.startsWith("上") ? -1 : 0;
}
function monthEdge(now: Date, shift: number, end: boolean): Date {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + shift, 1));
  return end ? new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)) : first;
}
function endOf(now: Date, phrase: string): Date {
  const next = phrase.includes("next");
  if (phrase.includes("week")) {
    const d = new Date(now);
    d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7) + (next ? 7 : 0));
    return d;
  }
  if (phrase.includes("month")) return monthEdge(now, next ? 1 : 0, true);
  return new Date(Date.UTC(now.getUTCFullYear() + (next ? 1 : 0), 11, 31));
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
function englishMonthDay(now: Date, s: string): Date {
  const month = MONTHS.indexOf(s.slice(0, 3).toLowerCase());
  return new Date(Date.UTC(now.getUTCFullYear(), month, Number(/\d{1,2}/.exec(s)![0])));
}

const iso = (d: Date) => (Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10));
const TIME_OF_DAY_ONLY = /^(?:上午|下午|中午|晚上|早上|凌晨|傍晚|morning|afternoon|evening|noon|tonight)$/i;

/** chrono parses a bare time ("3点", "5 pm") or a number; keep results that name a day. */
function namesADay(r: chrono.ParsedResult): boolean {
  const c = r.start;
  return c.isCertain("day") || c.isCertain("weekday") || c.isCertain("month") || /(今天|明天|后天|大后天|昨天|前天|today|tomorrow|tonight|yesterday)/i.test(r.text);
}

export function recogniseDates({ text, now }: Context): Fact[] {
  const found: Fact[] = [];
  // The Chinese parser only where there is Chinese text (chrono is most of the cost).
  const parsers = /[\u4e00-\u9fff]/.test(text) ? [chrono.en.casual, chrono.zh.hans.casual] : [chrono.en.casual];
  for (const parser of parsers) {
    for (const r of parser.parse(text, now, { forwardDate: false })) {
      if (!namesADay(r)) continue;
      let start = r.index;
      let raw = r.text;
      // chrono takes a leading "(" or "," into the English weekday; the date starts after it.
      const lead = /^[\s,(（]+/.exec(raw)?.[0].length ?? 0;
      start += lead;
      raw = raw.slice(lead);
      if (/^\d{1,4}$/.test(raw) || TIME_OF_DAY_ONLY.test(raw)) continue; // a bare number or 下午 alone
      found.push(fact("date", text, start, start + raw.length, 0.9, { value: iso(r.start.date()) }));
    }
  }
  for (const { re, resolve } of PERIODS) {
    for (const m of text.matchAll(re)) found.push(fact("date", text, m.index, m.index + m[0].length, 0.85, { value: iso(resolve(now, m)) }));
  }
  // A day and the time of day written after it (下周三 + 下午) are one date.
  for (const m of text.matchAll(/(?:上午|下午|中午|晚上|早上|傍晚|凌晨)(?:\d{1,2}点(?:半|\d{1,2}分?)?|[一二三四五六七八九十]{1,3}点半?)?/g)) {
    const day = found.find((f) => f.end === m.index);
    if (day && !found.some((f) => f.start === m.index && f.end > m.index + m[0].length)) {
      day.end = m.index + m[0].length;
      day.text = text.slice(day.start, day.end);
    }
  }
  for (const f of found) {
    const around = text.slice(Math.max(0, f.start - 16), Math.min(text.length, f.end + 6));
    if (BIRTHDAY_CUE.test(around)) f.role = "birthday";
  }
  return found;
}
