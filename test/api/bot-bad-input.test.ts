// Every Bot API method, fed arbitrary parameters in every encoding: the answer is always a
// Telegram-shaped result or error, never a 5xx or a hang, and the platform still works after.
// First parameters picked from all methods' names; then, method by method, that method's own
// parameters with values that pass its schema (so the call reaches the handler, in a private
// chat and a group the bot administers) mixed with wrong types, huge strings and numbers,
// malformed JSON, unknown enum values and missing required fields.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { exports } from "cloudflare:workers";
import { paramSchemas as methods } from "../../src/bots/schemas.ts";
import { befriend, call, register, send, type Session } from "./client.ts";
import { createBot, drain, sendPhotoUpload, start, type TestBot } from "./bot-helpers.ts";
import { png } from "../png.ts";

let user: Session;
let friend: Session;
let bot: TestBot;
let groupId = 0;

const value = () =>
  fc.oneof(
    fc.constantFrom(() => user.user.id, () => -1, () => 0, () => "abc", () => "", () => "[]", () => "{}", () => null, () => true).map((f) => f()),
    fc.integer(),
    fc.string({ maxLength: 50 }),
    fc.jsonValue({ maxDepth: 2 }),
  );

const fieldNames = [...new Set(Object.values(methods).flatMap((s) => Object.keys((s as any).shape)))];

const params = () => fc.dictionary(fc.constantFrom(...fieldNames), value(), { maxKeys: 6 });

/** Telegram's error: the status is the error_code, the description in its words. */
function expectTelegramAnswer(status: number, body: any, what: string) {
  expect(status, what).toBeLessThan(500);
  if (body?.ok === true) {
    expect(status, what).toBe(200);
    expect(body, what).toHaveProperty("result");
    return;
  }
  expect(status, what).toBeGreaterThanOrEqual(400);
  expect(body, what).toEqual({ ok: false, error_code: status, description: expect.any(String), ...(body?.parameters ? { parameters: body.parameters } : {}) });
  expect(body.description, what).toMatch(/^(Bad Request|Forbidden|Not Found|Conflict|Too Many Requests|Unauthorized|Request Entity Too Large|Logged out)\b/);
}

/** A call that takes longer than this has hung. */
const HANG_MS = 10_000;

async function fetchOrHang(request: Request): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms: ${request.url.replace(bot.token, "<token>")}`)), HANG_MS);
  });
  try {
    return await Promise.race([exports.default.fetch(request), hung]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  [user, friend] = [await register(), await register()];
  await befriend(user, friend);
  bot = await createBot(user);
  // Room for many sends in a moment (rate limits are tested elsewhere), and inline mode on.
  const roomy = { rate: 1000, burst: 10_000 };
  await call("PATCH", `/api/v1/bots/${bot.username}`, { token: user.token, json: { rateLimits: { global: roomy, privateChat: roomy, group: roomy }, inline: { enabled: true } } });
  await start(user, bot);
  await send(user, bot.id, "keep me");
  const g = await call("POST", "/api/v1/chats", { token: user.token, json: { type: "group", title: "Fuzzed", memberIds: [friend.user.id, bot.id] } });
  groupId = g.body.chat.id;
  // An admin, so moderation and pins reach their handlers too.
  await call("PUT", `/api/v1/chats/${groupId}/members/${bot.id}/role`, { token: user.token, json: { role: "admin" } });
});

describe("Bot API bad input, any method's names", () => {
  it("answers every method with ok or a Telegram error, never a 5xx", async () => {
    const names = [...Object.keys(methods).filter((m) => m !== "getUpdates"), "unknownMethod"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), params(), fc.constantFrom("json", "form", "query"), async (method, p, encoding) => {
        if (method === "setWebhook" || method === "deleteWebhook" || method === "broadcastMessage") return; // change state on valid input; covered below
        if (method === "logOut" || method === "close") return; // take no parameters, and log the bot out (below, and bot-admin.test.ts)
        let init: RequestInit = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(p) };
        let url = `http://switchboard.test/bot${bot.token}/${method}`;
        const flat = Object.entries(p).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as [string, string]);
        if (encoding === "form") init = { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(flat).toString() };
        if (encoding === "query") {
          url += `?${new URLSearchParams(flat)}`;
          init = { method: "GET" };
        }
        const r = await fetchOrHang(new Request(url, init));
        expectTelegramAnswer(r.status, await r.json(), `${method} ${JSON.stringify(p)}`);
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

// ---- method by method ---------------------------------------------------------------------

type Shape = Record<string, z.ZodType>;

type Fixtures = { text: number; botText: number; photo: number; poll: number; groupText: number; fileId: string; callbackId: string; inlineQueryId: string };

/** Values that name what exists, for the parameters that name things: calls with them get past "chat not found". */
const hintsFor = (ids: Fixtures): Record<string, unknown[]> => ({
  chat_id: [user.user.id, groupId],
  from_chat_id: [user.user.id, groupId],
  message_id: [ids.text, ids.botText, ids.photo, ids.poll, ids.groupText],
  user_id: [user.user.id, friend.user.id],
  message_ids: [[ids.text, ids.botText], [ids.groupText, ids.poll]],
  callback_query_id: [ids.callbackId],
  inline_query_id: [ids.inlineQueryId],
});

/** Values a parameter may be given: each field keeps those its schema takes as "valid-looking", the rest are wrong for it. */
function candidates(ids: Fixtures): unknown[] {
  const { fileId } = ids;
  const structured: unknown[] = [
    ["Tea", "Coffee"],
    [{ text: "Tea" }, { text: "Coffee" }, { text: "Water" }],
    [],
    [ids.text, ids.botText],
    [ids.groupText],
    Array.from({ length: 1500 }, (_, i) => i + 1),
    [{ type: "emoji", emoji: "👍" }],
    [{ type: "emoji", emoji: "🦄" }],
    [{ type: "custom_emoji", custom_emoji_id: "1" }],
    { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] },
    { inline_keyboard: [[{ text: "No action" }]] },
    { inline_keyboard: [[{ text: "Site", url: "javascript:alert(1)" }]] },
    { keyboard: [["One", "Two"]], resize_keyboard: true },
    { remove_keyboard: true },
    { force_reply: true },
    { message_id: ids.text },
    { message_id: 99_999, allow_sending_without_reply: true },
    [{ type: "bold", offset: 0, length: 3 }],
    [{ type: "no_such_entity", offset: 0, length: 1 }],
    [{ type: "text_link", offset: -1, length: 1_000_000, url: "http://10.0.0.1/" }],
    [{ type: "photo", media: fileId }, { type: "photo", media: fileId }],
    [{ type: "photo", media: fileId }, { type: "document", media: fileId }],
    [{ type: "hologram", media: fileId }],
    Array.from({ length: 60 }, () => ({ type: "photo", media: fileId })),
    { type: "photo", media: fileId, caption: "new" },
    { type: "photo", media: "attach://nothing" },
    { type: "video", media: "https://example.com/v.mp4" },
    [{ command: "start", description: "Begin" }],
    [{ command: "NOT OK", description: "" }],
    { type: "default" },
    { type: "all_group_chats" },
    { type: "chat", chat_id: groupId },
    { type: "chat_member", chat_id: groupId, user_id: user.user.id },
    { type: "bogus_scope" },
    { type: "commands" },
    { type: "web_app", text: "Open", web_app: { url: "https://example.com/app" } },
    { type: "web_app", text: "Open", web_app: { url: "http://example.com/app" } },
    [{ type: "article", id: "a", title: "Tea", input_message_content: { message_text: "Tea it is" } }],
    [{ type: "photo", id: "p", photo_url: "https://example.com/a.jpg", thumbnail_url: "https://example.com/t.jpg" }],
    [{ type: "article", id: "", title: "" }],
    { text: "Start the bot", start_parameter: "go" },
    ["message", "poll_answer", "message_reaction"],
    ["no_such_update"],
    { is_disabled: true },
    { a: { b: { c: { d: { e: { f: { g: {} } } } } } } },
  ];
  return [
    // numbers: ids that exist, and ones that cannot
    user.user.id,
    friend.user.id,
    bot.id,
    groupId,
    ids.text,
    ids.botText,
    ids.photo,
    ids.poll,
    ids.groupText,
    0,
    -1,
    1,
    5,
    100,
    2 ** 31,
    -(2 ** 53),
    1e15,
    1e308,
    -1e308,
    1.5,
    Math.floor(Date.now() / 1000) + 3600,
    true,
    false,
    null,
    // strings: plausible, unknown enum values, malformed, huge
    "",
    " ",
    "Hello there",
    "<b>bold</b> and <i>open",
    "*bold* _under",
    "HTML",
    "MarkdownV2",
    "Klingon",
    "typing",
    "dancing",
    "quiz",
    "regular",
    "survey",
    "en",
    "EN-us",
    "+44 20 7946 0958",
    "51.5",
    "-0",
    "1e999",
    "NaN",
    "true",
    "maybe",
    "12abc",
    String(user.user.id),
    String(groupId),
    `@${bot.username}`,
    "@nobody_at_all",
    fileId,
    "upload://photo",
    "attach://nothing",
    "https://example.com/a.png",
    "http://10.0.0.1/private",
    "javascript:alert(1)",
    ids.callbackId,
    ids.inlineQueryId,
    "👍",
    "\u0000\u202e",
    "x".repeat(5000),
    "y".repeat(70_000),
    // JSON fields: the objects, their text, and text that is not JSON
    ...structured,
    ...structured.map((v) => JSON.stringify(v)),
    "{",
    "[1,",
    '{"inline_keyboard":[[{"text":"x"}]]',
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
  ];
}

/** `arb` `yes` times in `yes + no`, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, yes: number, no: number) => fc.oneof({ weight: yes, arbitrary: arb }, { weight: no, arbitrary: fc.constant(null) });

/** One method's arbitrary calls, from its own parameter names. */
function callsFor(shape: Shape, pool: unknown[], hints: Record<string, unknown[]> = {}) {
  const fields = Object.keys(shape);
  const required = fields.filter((f) => !shape[f]!.safeParse(undefined).success);
  const optional = fields.filter((f) => !required.includes(f));
  const takes = (f: string, v: unknown) => shape[f]!.safeParse(v).success;
  const good = Object.fromEntries(fields.map((f) => [f, pool.filter((v) => takes(f, v))]));
  const bad = Object.fromEntries(fields.map((f) => [f, pool.filter((v) => !takes(f, v))]));
  const wrong = (f: string) =>
    fc.oneof(
      { weight: 3, arbitrary: bad[f]!.length ? fc.constantFrom(...bad[f]!) : fc.constant(null) },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
  const fine = (f: string) => {
    const named = (hints[f] ?? []).filter((v) => takes(f, v));
    const any = good[f]!.length ? fc.constantFrom(...good[f]!) : wrong(f);
    return named.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...named) }, { weight: 1, arbitrary: any }) : any;
  };
  return fc
    .record({
      values: fc.record(Object.fromEntries(fields.map((f) => [f, fine(f)])) as Record<string, fc.Arbitrary<unknown>>),
      extra: fc.subarray(optional),
      // about one call in six misses a required field, one in three has a wrong value
      missing: required.length ? sometimes(fc.constantFrom(...required), 1, 5) : fc.constant(null),
      spoilt: fields.length ? sometimes(fc.constantFrom(...fields), 1, 2) : fc.constant(null),
      wrongValue: fc.constantFrom(...fields, "").chain((f) => (f ? wrong(f) : fc.constant(null))),
      unknown: sometimes(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/), fc.jsonValue({ maxDepth: 1 })), 1, 5),
      encoding: fc.constantFrom("json", "json", "form", "multipart"),
      file: fc.constantFrom("none", "png", "junk"),
    })
    .map(({ values, extra, missing, spoilt, wrongValue, unknown, encoding, file }) => {
      const p: Record<string, unknown> = {};
      for (const f of [...required, ...extra]) if (f !== missing) p[f] = values[f];
      if (spoilt) p[spoilt] = wrongValue;
      if (unknown && !fields.includes(unknown[0])) p[unknown[0]] = unknown[1];
      return { params: p, encoding, file };
    });
}

/** Fields that carry a file: in a multipart call they may get a real one (or bytes that are not what they claim). */
const FILE_FIELDS = new Set(["photo", "document", "video", "audio", "voice", "sticker", "animation", "video_note", "thumbnail"]);

function request(method: string, call: { params: Record<string, unknown>; encoding: string; file: string }): Request {
  const url = `http://switchboard.test/bot${bot.token}/${method}`;
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  const present = Object.entries(call.params).filter(([, v]) => v !== undefined);
  if (call.encoding === "json") return new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(call.params) });
  if (call.encoding === "form") {
    return new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(present.map(([k, v]) => [k, text(v)])).toString() });
  }
  const form = new FormData();
  for (const [k, v] of present) {
    if (FILE_FIELDS.has(k) && call.file !== "none") {
      const bytes = call.file === "png" ? png(16, 12, k.length) : new TextEncoder().encode("not really a picture");
      form.set(k, new File([bytes], `${k}.png`, { type: "image/png" }));
    } else form.set(k, text(v));
  }
  return new Request(url, { method: "POST", body: form });
}

// Last: these may take the bot out of the group, which the methods before it use.
const LAST = ["unbanChatMember", "banChatMember", "kickChatMember", "leaveChat"];
const perMethod = Object.keys(methods)
  .filter((m) => m !== "logOut" && m !== "close")
  .sort((a, b) => LAST.indexOf(a) - LAST.indexOf(b));

describe("Bot API bad input, method by method", () => {
  let pool: unknown[] = [];
  let hints: Record<string, unknown[]> = {};
  let pendingInline: Promise<unknown> | undefined;

  beforeAll(async () => {
    const text = (await send(user, bot.id, "a message to act on")).body.message.id as number;
    const botText = (await bot.api("sendMessage", { chat_id: user.user.id, text: "Pick one", reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] } })).result.message_id as number;
    const photo = (await sendPhotoUpload(bot, user.user.id, {}, png(40, 30))).result;
    const poll = (await bot.api("sendPoll", { chat_id: groupId, question: "Tea?", options: ["Yes", "No"], is_anonymous: false })).result.message_id as number;
    const groupText = (await send(friend, groupId, "hello group")).body.message.id as number;
    await drain(bot);
    // A callback query and an inline query to answer.
    await call("POST", `/api/v1/chats/${bot.id}/callback`, { token: user.token, json: { messageId: botText, data: "yes" } });
    pendingInline = call("POST", "/api/v1/inline/query", { token: user.token, json: { bot: `@${bot.username}`, chatId: bot.id, query: "tea" } }).catch(() => null);
    let callbackId = "no-callback";
    let inlineQueryId = "no-query";
    for (let i = 0; i < 40 && (callbackId === "no-callback" || inlineQueryId === "no-query"); i++) {
      for (const u of await drain(bot)) {
        if (u.callback_query) callbackId = u.callback_query.id;
        if (u.inline_query) inlineQueryId = u.inline_query.id;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const fixtures = { text, botText, photo: photo.message_id, poll, groupText, fileId: photo.photo.at(-1).file_id, callbackId, inlineQueryId };
    pool = candidates(fixtures);
    hints = hintsFor(fixtures);
  });

  afterAll(async () => {
    await pendingInline;
  });

  it.each(perMethod)("%s: ok or a Telegram error, never a 5xx or a hang", async (method) => {
    const shape = (methods as Record<string, z.ZodObject<Shape>>)[method]!.shape;
    await fc.assert(
      fc.asyncProperty(callsFor(shape, pool, hints), async (c) => {
        // getUpdates would wait for updates as long as it is asked to.
        if (method === "getUpdates") c.params.timeout = 0;
        const r = await fetchOrHang(request(method, c));
        const body = (await r.json()) as any;
        expectTelegramAnswer(r.status, body, `${method} (${c.encoding}) ${JSON.stringify(c.params).slice(0, 600)} -> ${JSON.stringify(body).slice(0, 300)}`);
      }),
      { numRuns: 20 },
    );
    if (method === "setWebhook") expect((await bot.api("deleteWebhook")).ok).toBe(true); // back to getUpdates
  });

  it("leaves the platform working: the bot sends, the user reads a whole conversation", async () => {
    expect((await bot.api("getMe")).ok).toBe(true);
    const sent = await bot.api("sendMessage", { chat_id: user.user.id, text: "still here" });
    expect(sent).toMatchObject({ ok: true, result: { text: "still here" } });
    const history = await call("GET", `/api/v1/chats/${bot.id}/messages?limit=100`, { token: user.token });
    expect(history.status).toBe(200);
    const ids: number[] = history.body.messages.map((m: any) => m.id);
    expect(ids).toEqual([...new Set<number>(ids)].sort((a, b) => a - b));
    expect(ids.at(-1)).toBe(sent.result.message_id);
    expect((await drain(bot)).length).toBeGreaterThanOrEqual(0); // getUpdates answers
  });
});

describe("logOut and close with arbitrary parameters", () => {
  it("take none: junk is ignored, the answer is Telegram's, and logOut does log out", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("logOut", "close"), callsFor({}, []), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), async (method, c, junk) => {
        const other = await createBot(user);
        const r = await fetchOrHang(new Request(`http://switchboard.test/bot${other.token}/${method}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...c.params, ...junk }) }));
        const body = (await r.json()) as any;
        expectTelegramAnswer(r.status, body, `${method} ${JSON.stringify(junk)}`);
        if (method === "logOut") {
          expect(body).toEqual({ ok: true, result: true });
          expect(await other.api("getMe")).toEqual({ ok: false, error_code: 400, description: "Logged out" });
        } else {
          expect(body.error_code).toBe(429); // close waits ten minutes after a launch
        }
      }),
      { numRuns: 6 },
    );
  });
});
