// Phones (libphonenumber-js with its full metadata) and e-mail addresses.
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { fact, type Context, type Fact } from "./types.ts";

const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}/g;

export function recogniseEmails({ text }: Context): Fact[] {
  return [...text.matchAll(EMAIL)].map((m) => fact("email", text, m.index, m.index + m[0].length, 0.99, { value: m[0].toLowerCase() }));
}

// A digit run shaped like a phone number (7 to 15 digits with the usual separators).
const PHONE_SHAPE = /(?<![\w.@/-])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)[\s-]?)?\d{2,4}(?:[\s-]\d{2,5}){1,4}(?![\w@/-]|\.\d)|(?<![\w.@/+-])1[3-9]\d{9}(?!\d)/g;
const PHONE_CUE = /(phone|mobile|cell|call|ring|text|number|line|tel|whatsapp|wechat|电话|手机|座机|号码|微信|联系|打我|打给|拨)/i;

/** Country to try for a number written without a country code: Chinese text defaults to CN. */
function defaultCountries(text: string): CountryCode[] {
  return /[\u4e00-\u9fff]/.test(text) ? ["CN", "US", "GB"] : ["US", "GB", "CN"];
}

export function recognisePhones({ text }: Context): Fact[] {
  const found: Fact[] = [];
  const taken = (s: number, e: number) => found.some((f) => f.start < e && s < f.end);
  if ((text.match(/\d/g)?.length ?? 0) < 7) return found; // no room for a phone number
  for (const country of defaultCountries(text)) {
    for (const n of findPhoneNumbersInText(text, { defaultCountry: country })) {
      if (taken(n.startsAt, n.endsAt)) continue;
      found.push(fact("phone", text, n.startsAt, n.endsAt, 0.95, { value: n.number.number }));
    }
  }
  // Numbers the metadata calls invalid (fictional 555 numbers, new ranges) still count
  // when the chat says it is a phone number.
  for (const m of text.matchAll(PHONE_SHAPE)) {
    const start = m.index;
    const end = start + m[0].length;
    const digits = m[0].replace(/\D/g, "");
    if (taken(start, end) || digits.length < 7 || digits.length > 15) continue;
    if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(m[0])) continue; // an ISO date
    const before = text.slice(Math.max(0, start - 24), start);
    if (!PHONE_CUE.test(before) && !m[0].startsWith("+")) continue;
    const parsed = parsePhoneNumberFromString(m[0], defaultCountries(text)[0]);
    found.push(fact("phone", text, start, end, 0.7, parsed ? { value: parsed.number } : {}));
  }
  return found;
}
