// From the extractor's facts (src/profiles/extract) to incoming profile facts (merge.ts).
// Pure. The mapping, as decided: name, company, position, phone, email, address and
// organization keep their names; `interest` becomes `interests` (a list field); a date with
// role `birthday` becomes `birthday` and an amount with role `budget` becomes `budget`.
// Other dates and amounts are skipped: they describe events in a conversation, not the
// customer. The value is the extractor's normalised `value` (E.164 phone, ISO date,
// "50000 CNY") or else the matched text; the excerpt is the message text around the fact,
// at most EXCERPT_MAX characters.
import type { Fact } from "./extract/types.ts";
import type { Incoming } from "./merge.ts";

export const EXCERPT_MAX = 80;

const SAME: ReadonlySet<string> = new Set(["name", "company", "position", "phone", "email", "address", "organization"]);

export function fieldOf(fact: Pick<Fact, "type" | "role">): string | null {
  if (SAME.has(fact.type)) return fact.type;
  if (fact.type === "interest") return "interests";
  if (fact.type === "date" && fact.role === "birthday") return "birthday";
  if (fact.type === "amount" && fact.role === "budget") return "budget";
  return null;
}

/** How far a cut may move to reach a word boundary. */
const WORD_SLACK = 16;

/**
 * The part of `text` around [start, end), at most EXCERPT_MAX characters, with the fact in it.
 * Where the text is cut, the cut moves to a space nearby (never into the fact) so no word is
 * shown in half, and "…" marks it; text without spaces (Chinese) is cut where it falls.
 */
export function excerpt(text: string, start: number, end: number): string {
  if (text.length <= EXCERPT_MAX) return text;
  const room = Math.max(0, EXCERPT_MAX - 2 - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  let to = Math.min(text.length, from + EXCERPT_MAX - 2);
  from = Math.max(0, to - (EXCERPT_MAX - 2));
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space >= 0 && space < Math.min(start, from + WORD_SLACK)) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space >= Math.max(end, to - WORD_SLACK)) to = space;
  }
  return `${from > 0 ? "…" : ""}${text.slice(from, to).trim()}${to < text.length ? "…" : ""}`;
}

export function factsFromExtraction(
  facts: Pick<Fact, "type" | "text" | "value" | "role" | "confidence" | "start" | "end">[],
  message: { chatId: string | number; messageId: string | number; text: string; at: number },
): Incoming[] {
  const out: Incoming[] = [];
  for (const f of facts) {
    const field = fieldOf(f);
    const value = (f.value ?? f.text).trim();
    if (field === null || value === "") continue;
    out.push({
      source: "extracted",
      field,
      value,
      confidence: f.confidence,
      at: message.at,
      evidence: { chatId: message.chatId, messageId: message.messageId, excerpt: excerpt(message.text, f.start, f.end) },
    });
  }
  return out;
}
