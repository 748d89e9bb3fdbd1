// Addresses. Chinese: a chain of administrative parts (省, 市, 区/县), a road (路, 街, 大道)
// with its number (号) and building, anchored on a province or city from the list or a
// road. English: a house number, a street name and type (Street, Ave, Parkway), then
// city, state, postcode; or a place after "live in", "based in".
import { EN_STREET_TYPES, ZH_CITIES, ZH_PROVINCES } from "./dictionaries.ts";
import { alternation, fact, type Context, type Fact } from "./types.ts";

const H = "[\\u4e00-\\u9fff]";
// An address does not start with the verb or preposition before it (住, 在, 寄到).
const NOT_FIRST = "(?![在住到于是我的和去来从向往寄送发家])";
const PROVINCE = `(?:(?:${alternation(ZH_PROVINCES)})(?:省|市|自治区)?)`;
const CITY = `(?:(?:${alternation(ZH_CITIES)})市?|${NOT_FIRST}${H}{2,3}市)`;
const DISTRICT = `(?:${NOT_FIRST}${H}{1,4}?(?:新区|区|县))`;
const ROAD = `(?:${H}{1,8}?(?:大道|大街|路|街|巷|胡同|道)(?:${H}?[东西南北中]?段)?)`;
const NUMBER = String.raw`(?:\d+(?:-\d+)?号(?:院|楼)?)`;
const BUILDING = `(?:${H}{2,5}(?:大厦|广场|中心|小区|花园|公寓|太古汇|商场|园区|楼)|\\d+(?:栋|幢|号楼)(?:\\d+(?:单元|室|层))*)`;
const LANDMARK = `(?:${H}{2,4}(?=附近|这边|那边|旁边|一带|这里))`;
const ZH_ADDRESS = new RegExp(
  `(?:${PROVINCE}${CITY}?|${CITY})(?:${DISTRICT}){0,2}(?:${ROAD}${NUMBER}?(?:${BUILDING}|(?!附近|这边|那边|旁边|一带|这里)${H}{2,3}(?=[，,。\\s]|$))?|${LANDMARK})?` +
    `|(?:${DISTRICT})?${NOT_FIRST}${ROAD}${NUMBER}(?:${BUILDING})?`,
  "g",
);

const CAP = String.raw`\p{Lu}[\p{L}'’-]*(?![\p{L}\d])`;
const STREET = `(?:${alternation(EN_STREET_TYPES)})(?![\\p{L}])`;
const PLACE = String.raw`(?:${CAP}(?:\s+${CAP}){0,2})`;
const POSTCODE = String.raw`(?:\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})`;
const TAIL = String.raw`(?:,?\s+(?:${POSTCODE})|,\s*(?:[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?(?![\p{L}])|${PLACE}))*`;
const UNIT = String.raw`(?:(?:Suite|Floor|Unit|Apt\.?|Room|Flat)\s+\w+,\s*)?`;
const EN_STREET = new RegExp(String.raw`${UNIT}\b\d+[A-Z]?\s+(?:${CAP}\s+){1,3}${STREET}\.?${TAIL}`, "gu");
const EN_PLACE_CUE = new RegExp(String.raw`\b(?:live in|living in|based in|located in|moved to|ship(?:ping)? to|deliver(?:ed)? to|I'm in|we're in)\s+(${PLACE}(?:,\s*${PLACE})?)`, "gu");

export function recogniseAddresses({ text }: Context): Fact[] {
  const found: Fact[] = [];
  for (const m of text.matchAll(ZH_ADDRESS)) {
    const s = m[0];
    // A bare city ("在上海") is too weak alone; keep chains of two parts or a road.
    const parts = (s.match(/省|市|区|县|路|街|道|号|巷/g) ?? []).length;
    if (parts < 2 && !/号/.test(s)) continue;
    found.push(fact("address", text, m.index, m.index + s.length, 0.85));
  }
  for (const m of text.matchAll(EN_STREET)) {
    const s = m[0].replace(/[.,]+$/, (t) => (t.startsWith(".") && /(St|Ave|Rd|Blvd|Dr)\.$/.test(m[0]) ? "." : ""));
    found.push(fact("address", text, m.index, m.index + s.length, 0.85));
  }
  for (const m of text.matchAll(EN_PLACE_CUE)) {
    const start = m.index + m[0].length - m[1]!.length;
    found.push(fact("address", text, start, start + m[1]!.length, 0.65));
  }
  return found;
}
