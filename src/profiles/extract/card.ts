// Facts in the text read off a business card or a screenshot (OCR or a vision model): each
// line is its own phrase, so the chat extractor runs line by line (no fact spans a line
// break), and a card's layout says what chat text would have said in words: a line that is
// only a person's name ("Olivia Bennett"), near the top, is the name; a line that is only a
// job title ("Head of Partnerships") is the position. Pure; offsets point into the whole text.
import { EN_TITLE_HEADS } from "./dictionaries.ts";
import { extractFacts } from "./extract.ts";
import { fact, type ExtractOptions, type Fact } from "./types.ts";

/** A person's name on its own line: two or three capitalised words, nothing else. */
const NAME_LINE = /^[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'’-]+){1,2}$/;
const TITLE_HEAD = new RegExp(`\\b(?:${EN_TITLE_HEADS.join("|")})s?\\b`, "i");
/** The name is looked for among a card's first lines only (below come addresses and slogans). */
const NAME_WITHIN = 4;

export function extractCardFacts(text: string, options: ExtractOptions = {}): Fact[] {
  const facts: Fact[] = [];
  let at = 0;
  let seen = 0;
  let named = false;
  for (const raw of text.split("\n")) {
    const start = at;
    at += raw.length + 1;
    const line = raw.trim();
    if (!line) continue;
    seen++;
    const lead = raw.indexOf(line);
    const found = extractFacts(raw, options).map((f) => ({ ...f, start: f.start + start, end: f.end + start }));
    const whole = (type: Fact["type"], confidence: number) => fact(type, text, start + lead, start + lead + line.length, confidence);
    if (found.length === 0 && !named && seen <= NAME_WITHIN && NAME_LINE.test(line) && !TITLE_HEAD.test(line)) {
      facts.push(whole("name", 0.7));
      named = true;
      continue;
    }
    if (found.length === 0 && TITLE_HEAD.test(line) && line.split(/\s+/).length <= 6 && !/\d|@/.test(line)) {
      facts.push(whole("position", 0.65));
      continue;
    }
    facts.push(...found);
  }
  return facts;
}
