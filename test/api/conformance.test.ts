// The README's Bot API conformance table stays true: it names every method of the current
// Bot API (as @grammyjs/types, kept in step with Telegram, declares them) once, says "yes"
// for exactly the methods Switchboard answers, and gives a reason for each "no".
import { expect, test } from "vitest";
import { paramSchemas } from "../../src/bots/methods/index.ts";
// @ts-expect-error Vite's raw imports have no type declarations here
import declarations from "../../node_modules/@grammyjs/types/methods.d.ts?raw";
// @ts-expect-error Vite's raw imports have no type declarations here
import readme from "../../README.md?raw";

function telegramMethods(): string[] {
  return [...new Set([...(declarations as string).matchAll(/^ {4}([a-z][A-Za-z]+)\(/gm)].map((m) => m[1]!))].sort();
}

function readmeRows(): Map<string, { status: string; note: string }> {
  const section = (readme as string).split("### Bot API conformance")[1]?.split("\n#")[0] ?? "";
  const rows = new Map<string, { status: string; note: string }>();
  for (const m of section.matchAll(/^\| `(\w+)` \| (yes|no) \| (.*?) ?\|$/gm)) {
    expect(rows.has(m[1]!), `${m[1]} is listed twice`).toBe(false);
    rows.set(m[1]!, { status: m[2]!, note: m[3]!.trim() });
  }
  return rows;
}

test("the conformance table lists every Telegram method once, true to what is implemented", () => {
  const methods = telegramMethods();
  expect(methods.length).toBeGreaterThan(150);
  const rows = readmeRows();
  const implemented = new Set(Object.keys(paramSchemas));
  const missing = methods.filter((m) => !rows.has(m));
  expect(missing, "methods missing from the table").toEqual([]);
  const wrong = methods.filter((m) => (rows.get(m)!.status === "yes") !== implemented.has(m));
  expect(wrong, "rows whose yes/no is not what the code answers").toEqual([]);
  const unexplained = methods.filter((m) => rows.get(m)!.status === "no" && !rows.get(m)!.note);
  expect(unexplained, "rows saying no without a reason").toEqual([]);
  const extra = [...rows.keys()].filter((m) => !methods.includes(m));
  expect(extra, "rows naming no Telegram method").toEqual([]);
});
