// Job titles: a head word (经理, 工程师, manager, engineer) with the modifiers that may
// precede it (产品, 销售, software, marketing), or "head/VP/director of <department>".
import {
  EN_NOT_TITLE_MODIFIERS, EN_TITLE_DEPARTMENTS, EN_TITLE_HEADS, EN_WEAK_HEADS, ZH_TITLE_HEADS, ZH_TITLE_MODIFIERS,
} from "./dictionaries.ts";
import { alternation, fact, type Context, type Fact } from "./types.ts";

const ZH_TITLE = new RegExp(`(?:${alternation(ZH_TITLE_MODIFIERS)}){0,3}(?:${alternation(ZH_TITLE_HEADS)})(?!票|发|区)`, "g");
// A bare head right after 我们/你们 names someone else ("我们经理吴磊").
const OTHERS = /(?:我们|你们|他们|咱们|她们|找|问)$/;

const HEAD = `(?:${alternation(EN_TITLE_HEADS.filter((h) => h === h.toLowerCase()))})s?`;
const ACRONYM = `(?:${EN_TITLE_HEADS.filter((h) => h !== h.toLowerCase()).join("|")})`;
const EN_TITLE = new RegExp(String.raw`\b(?:(?:${HEAD})|(${ACRONYM}))\b(?:\s+of\s+(${alternation(EN_TITLE_DEPARTMENTS)})\b)?`, "gi");

function englishTitles(text: string): Fact[] {
  const found: Fact[] = [];
  for (const m of text.matchAll(EN_TITLE)) {
    const head = m[0].split(/\s/)[0]!;
    if (m[1] && m[1] !== m[1].toUpperCase()) continue; // "vp" in lowercase chat is too ambiguous
    let start = m.index;
    // Walk left over up to three modifier words ("senior software", "IT", "nurse").
    let modifiers = 0;
    for (;;) {
      const before = /(?:^|\s)([A-Za-z][A-Za-z&-]*)\s+$/.exec(text.slice(0, start));
      if (!before || modifiers >= 3) break;
      const w = before[1]!;
      const isModifier = (w === w.toLowerCase() && !EN_NOT_TITLE_MODIFIERS.has(w)) || (/^[A-Z]{2,3}$/.test(w) && w !== "I") || /^(Senior|Junior|Chief|Head|Lead|Sales|Marketing|Product|Office|Regional|General|Executive|Managing|Associate|Assistant|Deputy|Vice)$/.test(w);
      if (!isModifier) break;
      start -= before[0].length - (before[0].startsWith(" ") ? 1 : 0);
      modifiers++;
    }
    const weak = EN_WEAK_HEADS.has(head.toLowerCase());
    if (weak && modifiers === 0 && !m[2]) continue;
    const end = m.index + m[0].length;
    found.push(fact("position", text, start, end, weak ? 0.6 : 0.75));
  }
  return found;
}

export function recognisePositions({ text }: Context): Fact[] {
  const found: Fact[] = [];
  for (const m of text.matchAll(ZH_TITLE)) {
    if (EN_TITLE_HEADS.includes(m[0])) continue; // CEO, CTO: the English pass takes them
    const bare = ZH_TITLE_HEADS.includes(m[0]);
    if (bare && OTHERS.test(text.slice(0, m.index)) && !/是(?:我们|咱们)$/.test(text.slice(0, m.index))) continue;
    found.push(fact("position", text, m.index, m.index + m[0].length, 0.75));
  }
  return [...found, ...englishTitles(text)];
}
