// Every Bot API method, fed arbitrary parameters in every encoding: the answer is always a
// Telegram-shaped result or error, never a 5xx, and the bot's chat is not disturbed.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { exports } from "cloudflare:workers";
import { paramSchemas as methods } from "../../src/bots/schemas.ts";
import { call, register, type Session } from "./client.ts";
import { createBot, start, type TestBot } from "./bot-helpers.ts";

let user: Session;
let bot: TestBot;

const value = () =>
  fc.oneof(
    fc.constantFrom(() => user.user.id, () => -1, () => 0, () => "abc", () => "", () => "[]", () => "{}", () => null, () => true).map((f) => f()),
    fc.integer(),
    fc.string({ maxLength: 50 }),
    fc.jsonValue({ maxDepth: 2 }),
  );

const fieldNames = [...new Set(Object.values(methods).flatMap((s) => Object.keys((s as any).shape)))];

const params = () => fc.dictionary(fc.constantFrom(...fieldNames), value(), { maxKeys: 6 });

describe("Bot API bad input", () => {
  beforeAll(async () => {
    user = await register();
    bot = await createBot(await register());
    await start(user, bot);
    await call("POST", `/api/v1/chats/${bot.id}/messages`, { token: user.token, json: { text: "keep me" } });
  });

  it("answers every method with ok or a Telegram error, never a 5xx", async () => {
    const names = [...Object.keys(methods).filter((m) => m !== "getUpdates"), "unknownMethod"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), params(), fc.constantFrom("json", "form", "query"), async (method, p, encoding) => {
        if (method === "setWebhook" || method === "deleteWebhook" || method === "broadcastMessage") return; // change state on valid input; covered elsewhere
        if (method === "logOut" || method === "close") return; // take no parameters, and log the bot out (bot-admin.test.ts)
        let init: RequestInit = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(p) };
        let url = `http://switchboard.test/bot${bot.token}/${method}`;
        const flat = Object.entries(p).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as [string, string]);
        if (encoding === "form") init = { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(flat).toString() };
        if (encoding === "query") {
          url += `?${new URLSearchParams(flat)}`;
          init = { method: "GET" };
        }
        const r = await exports.default.fetch(new Request(url, init));
        const body = (await r.json()) as any;
        expect(r.status, `${method} ${JSON.stringify(p)} -> ${JSON.stringify(body)}`).toBeLessThan(500);
        if (body.ok) return;
        expect(body).toEqual({ ok: false, error_code: r.status, description: expect.any(String), ...(body.parameters ? { parameters: body.parameters } : {}) });
      }),
      { numRuns: 400 },
    );
    // the conversation's log is still whole: readable, ids increasing, none twice
    const history = await call("GET", `/api/v1/chats/${bot.id}/messages?limit=100`, { token: user.token });
    expect(history.status).toBe(200);
    const ids: number[] = history.body.messages.map((m: any) => m.id);
    expect(ids).toEqual([...new Set<number>(ids)].sort((a, b) => a - b));
  });

  it("answers bodies that are not objects with 400", async () => {
    for (const body of ["[1,2]", "42", "not json", "null"]) {
      const r = await exports.default.fetch(
        new Request(`http://switchboard.test/bot${bot.token}/sendMessage`, { method: "POST", headers: { "Content-Type": "application/json" }, body }),
      );
      expect(r.status).toBe(400);
      expect(((await r.json()) as any).ok).toBe(false);
    }
  });
});
