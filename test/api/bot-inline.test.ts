// Inline mode and the inline buttons: a user types "@bot query" in any chat, the bot gets an
// inline_query and answers with answerInlineQuery, the user sees the results and picks one,
// which is posted as the user's message "via @bot"; login_url, copy_text and the switch
// buttons as a bot sends them.
import { describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { verifyLogin } from "../../src/bots/login-url.ts";
import { befriend, call, connect, register, type Session } from "./client.ts";
import { botCall, createBot, drain, sendPhotoUpload, start, type TestBot } from "./bot-helpers.ts";

const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

async function inlineBot(owner: Session, placeholder = "Search cats…"): Promise<TestBot> {
  const bot = await createBot(owner);
  const on = await call("PATCH", `/api/v1/bots/${bot.username}`, { token: owner.token, json: { inline: { enabled: true, placeholder } } });
  expect(on.status).toBe(200);
  return bot;
}

const ask = (user: Session, bot: TestBot, chatId: number, query: string, offset?: string) =>
  call("POST", "/api/v1/inline/query", { token: user.token, json: { bot: `@${bot.username}`, chatId, query, ...(offset !== undefined ? { offset } : {}) } });

/** The next update of `type`, long-polling as a library does; earlier ones are confirmed. */
async function nextUpdate(bot: TestBot, type: string, allowed?: string[]): Promise<any> {
  for (let i = 0; i < 20; i++) {
    const r = await bot.api("getUpdates", { timeout: 2, ...(allowed ? { allowed_updates: allowed } : {}) });
    for (const u of r.result) {
      await bot.api("getUpdates", { offset: u.update_id + 1, timeout: 0 });
      if (u[type]) return u[type];
    }
  }
  throw new Error(`no ${type} update`);
}

const cats = [
  { type: "article", id: "tabby", title: "Tabby", description: "Striped and proud", input_message_content: { message_text: "<b>Tabby</b> says hi", parse_mode: "HTML" } },
  {
    type: "article",
    id: "siamese",
    title: "Siamese",
    input_message_content: { message_text: "Siamese" },
    reply_markup: { inline_keyboard: [[{ text: "More cats", switch_inline_query_current_chat: "cats" }]] },
  },
];

/** Two friends in their private chat, and a bot neither is in a chat with. */
async function world() {
  const [alice, bob] = [await register(), await register()];
  await befriend(alice, bob);
  const bot = await inlineBot(await register());
  return { alice, bob, bot };
}

describe("inline mode", () => {
  it("is off until the owner turns it on (with a placeholder); getMe and the profile say so", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    expect((await bot.api("getMe")).result.supports_inline_queries).toBe(false);
    const user = await register();
    await start(user, bot);
    const refused = await ask(user, bot, bot.id, "cats");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("inline_off");

    const on = await call("PATCH", `/api/v1/bots/${bot.username}`, { token: owner.token, json: { inline: { enabled: true, placeholder: "Search GIFs…" } } });
    expect(on.body.status.inline).toEqual({ enabled: true, placeholder: "Search GIFs…" });
    expect((await bot.api("getMe")).result.supports_inline_queries).toBe(true);
    expect((await call("GET", `/api/v1/bots/${bot.username}`, { token: user.token })).body.bot.inlinePlaceholder).toBe("Search GIFs…");
    expect((await call("PATCH", `/api/v1/bots/${bot.username}`, { token: user.token, json: { inline: { enabled: true } } })).status).toBe(403);

    await call("PATCH", `/api/v1/bots/${bot.username}`, { token: owner.token, json: { inline: { enabled: false } } });
    expect((await bot.api("getMe")).result.supports_inline_queries).toBe(false);
    expect((await call("GET", `/api/v1/bots/${bot.username}`, { token: user.token })).body.bot.inlinePlaceholder).toBeUndefined();
  });

  it("sends the bot an inline_query from any chat, and its results to the user who typed", async () => {
    const { alice, bob, bot } = await world();
    const pending = ask(alice, bot, bob.user.id, "cats");
    const q = await nextUpdate(bot, "inline_query");
    expect(q).toEqual({
      id: expect.stringMatching(/^\d+$/),
      from: { id: alice.user.id, is_bot: false, first_name: alice.user.displayName, username: alice.user.handle },
      query: "cats",
      offset: "",
      chat_type: "private",
    });
    const answered = await bot.api("answerInlineQuery", { inline_query_id: q.id, results: cats, cache_time: 0, next_offset: "2" });
    expect(answered).toEqual({ ok: true, result: true });
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.body.answer).toEqual({
      queryId: q.id,
      bot: { id: bot.id, username: bot.username, name: expect.any(String) },
      nextOffset: "2",
      results: [
        { id: "tabby", type: "article", title: "Tabby", description: "Striped and proud", text: "Tabby says hi" },
        { id: "siamese", type: "article", title: "Siamese", text: "Siamese" },
      ],
    });

    // In a group, and in the bot's own chat, the chat type says so.
    const group = await call("POST", "/api/v1/chats", { token: alice.token, json: { type: "group", title: "Cats", memberIds: [bob.user.id] } });
    const inGroup = ask(alice, bot, group.body.chat.id, "more", "2");
    const g = await nextUpdate(bot, "inline_query");
    expect(g).toMatchObject({ query: "more", offset: "2", chat_type: "group" });
    await bot.api("answerInlineQuery", { inline_query_id: g.id, results: [], cache_time: 0 });
    expect((await inGroup).body.answer.results).toEqual([]);
    await start(alice, bot);
    const inOwn = ask(alice, bot, bot.id, "x");
    const own = await nextUpdate(bot, "inline_query");
    expect(own.chat_type).toBe("sender");
    await bot.api("answerInlineQuery", { inline_query_id: own.id, results: [], cache_time: 0 });
    await inOwn;

    // Only in chats the user is in.
    const stranger = await register();
    expect((await ask(stranger, bot, group.body.chat.id, "x")).status).toBe(403);
  });

  it("answers nothing, at once, when the bot does not take inline_query updates; an answer outside the window is too old", async () => {
    const { alice, bob, bot } = await world();
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["message"] });
    const r = await ask(alice, bot, bob.user.id, "cats");
    expect(r.status).toBe(200);
    expect(r.body.answer).toBeNull();
    const id = r.body.queryId as string;
    expect(await drain(bot)).toEqual([]);

    // Within the window the id is answerable; past it, Telegram's words.
    await runInDurableObject(env.BOTS.getByName(String(bot.id)), (_i, state) => {
      state.storage.sql.exec("UPDATE inline_queries SET created_at = created_at - 10001 WHERE id = ?", id);
    });
    const late = await bot.api("answerInlineQuery", { inline_query_id: id, results: cats });
    expect(late).toEqual({ ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    expect((await bot.api("answerInlineQuery", { inline_query_id: "12345", results: cats })).description).toBe(
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );

    const fresh = (await ask(alice, bot, bob.user.id, "dogs")).body.queryId;
    expect((await bot.api("answerInlineQuery", { inline_query_id: fresh, results: cats, cache_time: 0 })).ok).toBe(true);
    // Once only.
    expect((await bot.api("answerInlineQuery", { inline_query_id: fresh, results: cats })).error_code).toBe(400);
  });

  it("counts queries against the user's per-minute quota; a refused query is given back", async () => {
    const { alice, bob, bot } = await world();
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["message"] });
    const nearTurn = 60 - ((Date.now() / 1000) % 60);
    if (nearTurn < 5) await new Promise((r) => setTimeout(r, nearTurn * 1000 + 100)); // counts below stay in one minute
    const count = async () =>
      (await env.DB.prepare("SELECT count FROM quota_counters WHERE subject = ? AND quota = 'inlineQueries'").bind(`u:${alice.user.id}`).first<{ count: number }>())?.count ?? 0;
    expect((await ask(alice, bot, bob.user.id, "a")).status).toBe(200);
    expect(await count()).toBe(1);
    const off = await createBot(await register());
    expect((await ask(alice, off, bob.user.id, "a")).status).toBe(409);
    expect(await count()).toBe(1);
    // The minute's allowance spent (set as if used, waiting out a minute about to turn over):
    const left = 60 - ((Date.now() / 1000) % 60);
    if (left < 3) await new Promise((r) => setTimeout(r, left * 1000 + 100));
    const minute = Math.floor(Date.now() / 60_000) * 60;
    await env.DB.prepare("UPDATE quota_counters SET count = 120, window_start = ? WHERE subject = ? AND quota = 'inlineQueries'").bind(minute, `u:${alice.user.id}`).run();
    const refused = await ask(alice, bot, bob.user.id, "b");
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("quota_exceeded");
  });

  it("bounds answers as Telegram does: 50 results, unique ids of 1-64 bytes, a 64-byte offset, known result types", async () => {
    const { alice, bob, bot } = await world();
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["message"] });
    const id = (await ask(alice, bot, bob.user.id, "x")).body.queryId;
    const article = (n: number | string) => ({ type: "article", id: String(n), title: `#${n}`, input_message_content: { message_text: `${n}` } });
    const refusal = async (p: Record<string, unknown>) => (await bot.api("answerInlineQuery", { inline_query_id: id, ...p })).description;
    expect(await refusal({ results: Array.from({ length: 51 }, (_, i) => article(i)) })).toBe("Bad Request: RESULTS_TOO_MUCH");
    expect(await refusal({ results: [article(1), article(1)] })).toBe("Bad Request: RESULT_ID_DUPLICATE");
    expect(await refusal({ results: [article("é".repeat(33))] })).toBe("Bad Request: RESULT_ID_INVALID");
    expect(await refusal({ results: [article(1)], next_offset: "x".repeat(65) })).toBe("Bad Request: NEXT_OFFSET_INVALID");
    expect(await refusal({ results: [{ type: "gif", id: "1", gif_url: "https://example.com/a.gif", thumbnail_url: "https://example.com/t.jpg" }] })).toMatch(
      /^Bad Request: can't parse inline query result/,
    );
    expect(await refusal({ results: [{ ...article(1), input_message_content: { latitude: 1, longitude: 2 } }] })).toMatch(/^Bad Request: can't parse inline query result/);
    expect(await refusal({ results: [{ ...article(1), input_message_content: { message_text: "<b>x", parse_mode: "HTML" } }] })).toMatch(/^Bad Request: can't parse entities/);
    expect(await refusal({ results: [{ ...article(1), reply_markup: { inline_keyboard: [[{ text: "plain" }]] } }] })).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    // A refused answer stores nothing: the query is still answerable, with exactly 50.
    expect((await bot.api("answerInlineQuery", { inline_query_id: id, results: Array.from({ length: 50 }, (_, i) => article(i)), cache_time: 0 })).ok).toBe(true);
  });

  it("refuses photos and thumbnails at private addresses, before anything is kept", async () => {
    const { alice, bob, bot } = await world();
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["message"] });
    const id = (await ask(alice, bot, bob.user.id, "x")).body.queryId;
    for (const url of ["https://10.0.0.1/cat.jpg", "https://169.254.169.254/latest/meta-data", "https://localhost/cat.jpg", "file:///etc/passwd", "https://[::1]/a.jpg"]) {
      const photo = await bot.api("answerInlineQuery", { inline_query_id: id, results: [{ type: "photo", id: "p", photo_url: url, thumbnail_url: "https://example.com/t.jpg" }] });
      expect(photo.description, url).toBe("Bad Request: WEBDOCUMENT_URL_INVALID");
      const thumb = await bot.api("answerInlineQuery", { inline_query_id: id, results: [{ ...cats[0], thumbnail_url: url }] });
      expect(thumb.description, url).toBe("Bad Request: WEBDOCUMENT_URL_INVALID");
    }
    expect((await bot.api("answerInlineQuery", { inline_query_id: id, results: cats, cache_time: 0 })).ok).toBe(true);
  });

  it("posts a chosen article as the user's message via the bot; the bot gets chosen_inline_result only when it asked", async () => {
    const { alice, bob, bot } = await world();
    const bobSocket = await connect(bob);
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["inline_query", "chosen_inline_result", "message"] });
    const pending = ask(alice, bot, bob.user.id, "cats");
    const q = await nextUpdate(bot, "inline_query");
    await bot.api("answerInlineQuery", { inline_query_id: q.id, results: cats, cache_time: 0 });
    const { queryId } = (await pending).body.answer;

    const chosen = await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId, resultId: "siamese", chatId: bob.user.id } });
    expect(chosen.status).toBe(201);
    expect(chosen.body.message).toMatchObject({
      from: { id: alice.user.id },
      chatId: bob.user.id,
      text: "Siamese",
      viaBot: { id: bot.id, handle: bot.username, isBot: true },
      replyMarkup: cats[1]!.reply_markup,
    });
    const live = await bobSocket.next((f) => f.type === "message" && f.message.text === "Siamese");
    expect(live.message.viaBot).toMatchObject({ id: bot.id, handle: bot.username });

    const told = await nextUpdate(bot, "chosen_inline_result");
    expect(told).toEqual({
      result_id: "siamese",
      from: expect.objectContaining({ id: alice.user.id }),
      query: "cats",
      inline_message_id: expect.any(String), // the result has a keyboard
    });

    // An article without buttons: no inline_message_id. Parsed entities travel with the text.
    const plain = await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId, resultId: "tabby", chatId: bob.user.id } });
    expect(plain.body.message).toMatchObject({ text: "Tabby says hi", entities: [{ type: "bold", offset: 0, length: 5 }] });
    expect(await nextUpdate(bot, "chosen_inline_result")).not.toHaveProperty("inline_message_id");

    // Someone else's query, a result the bot never gave, a chat the user is not in.
    const carol = await register();
    expect((await call("POST", "/api/v1/inline/choose", { token: carol.token, json: { botId: bot.id, queryId, resultId: "tabby", chatId: alice.user.id } })).status).toBe(403);
    await befriend(carol, alice);
    expect((await call("POST", "/api/v1/inline/choose", { token: carol.token, json: { botId: bot.id, queryId, resultId: "tabby", chatId: alice.user.id } })).status).toBe(410);
    expect((await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId, resultId: "nope", chatId: bob.user.id } })).status).toBe(404);

    // A bot that did not list chosen_inline_result is not told.
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["inline_query"] });
    const again = ask(alice, bot, bob.user.id, "again");
    const q2 = await nextUpdate(bot, "inline_query");
    await bot.api("answerInlineQuery", { inline_query_id: q2.id, results: cats, cache_time: 0 });
    await again;
    expect((await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId: q2.id, resultId: "tabby", chatId: bob.user.id } })).status).toBe(201);
    expect((await drain(bot)).filter((u) => u.chosen_inline_result)).toEqual([]);
    bobSocket.ws.close();
  });

  it("sends presses of callback buttons under a message sent via the bot to that bot, with the inline_message_id", async () => {
    const { alice, bob, bot } = await world();
    await bot.api("getUpdates", { timeout: 0, allowed_updates: ["inline_query", "chosen_inline_result", "callback_query"] });
    const pending = ask(alice, bot, bob.user.id, "vote");
    const q = await nextUpdate(bot, "inline_query");
    const poll = { type: "article", id: "vote", title: "Vote", input_message_content: { message_text: "Cats or dogs?" }, reply_markup: { inline_keyboard: [[{ text: "Cats", callback_data: "cats" }]] } };
    await bot.api("answerInlineQuery", { inline_query_id: q.id, results: [poll], cache_time: 0 });
    await pending;
    const posted = await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId: q.id, resultId: "vote", chatId: bob.user.id } });
    const chosen = await nextUpdate(bot, "chosen_inline_result");

    // Bob, who never met the bot, presses the button in his chat with alice.
    const socket = await connect(bob);
    const bobsId = (await call("GET", `/api/v1/chats/${alice.user.id}/messages?limit=5`, { token: bob.token })).body.messages.at(-1).id;
    expect(bobsId).toBe(posted.body.message.id);
    expect((await call("POST", `/api/v1/chats/${alice.user.id}/callback`, { token: bob.token, json: { messageId: bobsId, data: "cats" } })).status).toBe(200);
    const cb = await nextUpdate(bot, "callback_query");
    expect(cb).toEqual({ id: expect.any(String), from: expect.objectContaining({ id: bob.user.id }), inline_message_id: chosen.inline_message_id, chat_instance: expect.any(String), data: "cats" });
    expect(cb).not.toHaveProperty("message");
    // The bot is in no chat with them: its opaque ids name neither person of the chat, in any encoding.
    const decoded = (id: string) => new TextDecoder().decode(Uint8Array.from(atob(id.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0)));
    for (const id of [String(alice.user.id), String(bob.user.id)]) {
      for (const opaque of [cb.inline_message_id, decoded(cb.inline_message_id), cb.chat_instance]) expect(opaque).not.toContain(id);
    }
    expect((await bot.api("answerCallbackQuery", { callback_query_id: cb.id, text: "Counted" })).ok).toBe(true);
    const answer = await socket.next((f) => f.type === "callback_answer");
    expect(answer).toMatchObject({ chatId: alice.user.id, messageId: bobsId, text: "Counted" });
    // A button the message does not have is still refused.
    expect((await call("POST", `/api/v1/chats/${alice.user.id}/callback`, { token: bob.token, json: { messageId: bobsId, data: "dogs" } })).status).toBe(400);
    socket.ws.close();
  });

  it("shows bots the via_bot of messages sent through them", async () => {
    const alice = await register();
    const bot = await inlineBot(await register());
    await start(alice, bot);
    await drain(bot);
    const pending = ask(alice, bot, bot.id, "hi");
    const q = await nextUpdate(bot, "inline_query");
    await bot.api("answerInlineQuery", { inline_query_id: q.id, results: cats, cache_time: 0 });
    const { queryId } = (await pending).body.answer;
    await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId, resultId: "tabby", chatId: bot.id } });
    const m = await nextUpdate(bot, "message");
    expect(m).toMatchObject({ text: "Tabby says hi", from: { id: alice.user.id }, via_bot: { id: bot.id, is_bot: true, username: bot.username } });
  });

  it("serves cached answers to the next user asking the same, unless personal", async () => {
    const { alice, bob, bot } = await world();
    const first = ask(alice, bot, bob.user.id, "shared");
    const q = await nextUpdate(bot, "inline_query");
    await bot.api("answerInlineQuery", { inline_query_id: q.id, results: cats, cache_time: 300 });
    await first;
    const carol = await register();
    await befriend(carol, bob);
    const cached = await ask(carol, bot, bob.user.id, "shared");
    expect(cached.body.answer.results.map((r: any) => r.id)).toEqual(["tabby", "siamese"]);
    expect((await drain(bot)).filter((u) => u.inline_query)).toEqual([]);
    // The cached answer is carol's own to choose from.
    const chosen = await call("POST", "/api/v1/inline/choose", { token: carol.token, json: { botId: bot.id, queryId: cached.body.queryId, resultId: "tabby", chatId: bob.user.id } });
    expect(chosen.status).toBe(201);

    const mine = ask(alice, bot, bob.user.id, "personal");
    const p = await nextUpdate(bot, "inline_query");
    await bot.api("answerInlineQuery", { inline_query_id: p.id, results: cats, is_personal: true });
    await mine;
    const theirs = ask(carol, bot, bob.user.id, "personal");
    const p2 = await nextUpdate(bot, "inline_query");
    expect(p2.from.id).toBe(carol.user.id);
    await bot.api("answerInlineQuery", { inline_query_id: p2.id, results: [], cache_time: 0 });
    expect((await theirs).body.answer.results).toEqual([]);
  });

  it("takes a photo result by file_id: its thumbnail is served to the asker, choosing it copies the photo into the chat", async () => {
    const { alice, bob, bot } = await world();
    const keeper = await register();
    await start(keeper, bot);
    const sent = await sendPhotoUpload(bot, keeper.user.id, {}, png);
    const fileId = sent.result.photo.at(-1).file_id;
    await drain(bot);

    const pending = ask(alice, bot, bob.user.id, "dot");
    const q = await nextUpdate(bot, "inline_query");
    // A file_id the bot cannot read is refused.
    const forged = await bot.api("answerInlineQuery", { inline_query_id: q.id, results: [{ type: "photo", id: "x", photo_file_id: "bm90IGEgZmlsZQ" }] });
    expect(forged.description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
    const ok = await bot.api("answerInlineQuery", { inline_query_id: q.id, results: [{ type: "photo", id: "dot", photo_file_id: fileId, title: "A dot", caption: "a <i>dot</i>", parse_mode: "HTML" }], cache_time: 0 });
    expect(ok.ok).toBe(true);
    const answer = (await pending).body.answer;
    expect(answer.results[0]).toMatchObject({ id: "dot", type: "photo", title: "A dot", text: "a dot", thumbnailUrl: `/api/v1/inline/${bot.id}/${q.id}/0/thumbnail` });

    const thumb = await call("GET", answer.results[0].thumbnailUrl, { token: alice.token });
    expect(thumb.status).toBe(200);
    expect(thumb.response.headers.get("Content-Type")).toBe("image/png");
    // Only the user who asked sees it.
    expect((await call("GET", answer.results[0].thumbnailUrl, { token: bob.token })).status).toBe(404);

    const chosen = await call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId: q.id, resultId: "dot", chatId: bob.user.id } });
    expect(chosen.status).toBe(201);
    expect(chosen.body.message).toMatchObject({ text: "a dot", entities: [{ type: "italic", offset: 2, length: 3 }], media: { kind: "image", size: png.length }, viaBot: { id: bot.id } });
    const file = await call("GET", chosen.body.message.media.url, { token: alice.token });
    expect(file.status).toBe(200);
    expect(file.response.headers.get("Content-Type")).toBe("image/png");

    // A pick repeated with the same clientMsgId answers the earlier message; the photo copied for it again is removed.
    const chatKey = `p:${Math.min(alice.user.id, bob.user.id)}:${Math.max(alice.user.id, bob.user.id)}`;
    const stored = async () => (await env.MEDIA.list({ prefix: `${chatKey}/` })).objects.length;
    const pick = () => call("POST", "/api/v1/inline/choose", { token: alice.token, json: { botId: bot.id, queryId: q.id, resultId: "dot", chatId: bob.user.id, clientMsgId: "pick-1" } });
    const first = await pick();
    const before = await stored();
    const repeated = await pick();
    expect(repeated.body.message.id).toBe(first.body.message.id);
    expect(await stored()).toBe(before);
  });
});

describe("inline keyboard buttons", () => {
  it("takes every kind a bot sends and shows them to the user as sent", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const keyboard = [
      [{ text: "Share", switch_inline_query: "cats" }, { text: "Here", switch_inline_query_current_chat: "dogs" }],
      [{ text: "Copy", copy_text: { text: "PROMO-42" } }, { text: "App", web_app: { url: "https://app.example/" } }],
      [{ text: "Log in", login_url: { url: "https://shop.example/login", request_write_access: true } }],
    ];
    const sent = await bot.api("sendMessage", { chat_id: user.user.id, text: "buttons", reply_markup: { inline_keyboard: keyboard } });
    expect(sent.ok).toBe(true);
    expect(sent.result.reply_markup.inline_keyboard).toEqual(keyboard);
    const history = await call("GET", `/api/v1/chats/${bot.id}/messages?limit=10`, { token: user.token });
    expect(history.body.messages.at(-1).replyMarkup.inline_keyboard).toEqual(keyboard);

    const refusal = async (button: unknown) => (await bot.api("sendMessage", { chat_id: user.user.id, text: "x", reply_markup: { inline_keyboard: [[button]] } })).description;
    expect(await refusal({ text: "plain" })).toBe("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    expect(await refusal({ text: "two", url: "https://a.example", callback_data: "x" })).toMatch(/^Bad Request: can't parse inline keyboard button: /);
    expect(await refusal({ text: "http", web_app: { url: "http://app.example/" } })).toMatch(/HTTPS/);
    expect(await refusal({ text: "long", copy_text: { text: "x".repeat(257) } })).toMatch(/copy_text/);
    expect(await refusal({ text: "pay", pay: true })).toMatch(/^Bad Request: can't parse inline keyboard button: pay/);
  });

  it("login_url: the user's confirmed press gives the URL with login data the bot verifies with its token", async () => {
    const user = await register();
    const owner = await register();
    const bot = await createBot(owner);
    await start(user, bot);
    await bot.api("sendMessage", {
      chat_id: user.user.id,
      text: "Log in to the shop",
      reply_markup: { inline_keyboard: [[{ text: "Log in", login_url: { url: "https://shop.example/auth?next=%2Fcart" } }, { text: "x", callback_data: "x" }]] },
    });
    const messageId = (await call("GET", `/api/v1/chats/${bot.id}/messages?limit=10`, { token: user.token })).body.messages.at(-1).id;
    const login = await call("POST", "/api/v1/inline/login", { token: user.token, json: { chatId: bot.id, messageId, row: 0, column: 0 } });
    expect(login.status).toBe(200);
    const url = new URL(login.body.url);
    expect(url.origin + url.pathname).toBe("https://shop.example/auth");
    expect(url.searchParams.get("next")).toBe("/cart");
    expect(url.searchParams.get("id")).toBe(String(user.user.id));
    expect(url.searchParams.get("username")).toBe(user.user.handle);
    expect(url.searchParams.get("first_name")).toBe(user.user.displayName);
    const fields = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "next"));
    expect(await verifyLogin(fields, bot.token)).toBe(true);
    expect(await verifyLogin({ ...fields, id: "1" }, bot.token)).toBe(false);

    // Not a login button; not a member of the chat.
    expect((await call("POST", "/api/v1/inline/login", { token: user.token, json: { chatId: bot.id, messageId, row: 0, column: 1 } })).status).toBe(400);
    expect((await call("POST", "/api/v1/inline/login", { token: (await register()).token, json: { chatId: bot.id, messageId, row: 0, column: 0 } })).status).toBe(403);

    // A rotated token signs nothing until the bot uses it; then logins verify with the new one only.
    const rotated = (await call("POST", `/api/v1/bots/${bot.username}/token`, { token: owner.token })).body.token as string;
    const press = () => call("POST", "/api/v1/inline/login", { token: user.token, json: { chatId: bot.id, messageId, row: 0, column: 0 } });
    expect((await press()).status).toBe(409);
    expect((await botCall(rotated, "getMe")).ok).toBe(true);
    const after = Object.fromEntries([...new URL((await press()).body.url).searchParams].filter(([k]) => k !== "next"));
    expect(await verifyLogin(after, rotated)).toBe(true);
    expect(await verifyLogin(after, bot.token)).toBe(false);
  });
});

describe("inline thumbnails by URL", () => {
  it("are fetched once per shown result and kept while the answer is, a failure too; a forgotten query's go with it", async () => {
    const { alice, bob, bot } = await world();
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    const web = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith("https://thumbs.example.com/")) return realFetch(input, init);
      fetched.push(url);
      return url.endsWith("/cat.png") ? new Response(png, { headers: { "Content-Type": "image/png" } }) : new Response("<html>not an image</html>", { headers: { "Content-Type": "text/html" } });
    });
    try {
      const pending = ask(alice, bot, bob.user.id, "cats");
      const q = await nextUpdate(bot, "inline_query");
      const results = [
        { ...cats[0], thumbnail_url: "https://thumbs.example.com/cat.png" },
        { ...cats[1], thumbnail_url: "https://thumbs.example.com/page.png" },
      ];
      expect((await bot.api("answerInlineQuery", { inline_query_id: q.id, results, cache_time: 0 })).ok).toBe(true);
      const answer = (await pending).body.answer;
      for (let i = 0; i < 3; i++) {
        const thumb = await call("GET", answer.results[0].thumbnailUrl, { token: alice.token });
        expect(thumb.status).toBe(200);
        expect(thumb.response.headers.get("Content-Type")).toBe("image/png");
        const broken = await call("GET", answer.results[1].thumbnailUrl, { token: alice.token });
        expect(broken.status).toBe(502);
        expect(broken.body.error.code).toBe("thumbnail_unavailable");
      }
      expect(fetched.sort()).toEqual(["https://thumbs.example.com/cat.png", "https://thumbs.example.com/page.png"]);
      const kept = `inline/${bot.id}/${q.id}/`;
      expect((await env.MEDIA.list({ prefix: kept })).objects.map((o) => o.key).sort()).toEqual([`${kept}0`, `${kept}1`]);

      // The query is forgotten (as an hour on): the next query takes its thumbnails with it.
      await runInDurableObject(env.BOTS.getByName(String(bot.id)), (_i, state) => {
        state.storage.sql.exec("UPDATE inline_queries SET created_at = 0 WHERE id = ?", q.id);
      });
      const next = ask(alice, bot, bob.user.id, "more cats");
      const q2 = await nextUpdate(bot, "inline_query");
      await bot.api("answerInlineQuery", { inline_query_id: q2.id, results: [], cache_time: 0 });
      await next;
      expect((await env.MEDIA.list({ prefix: kept })).objects).toEqual([]);
      expect((await call("GET", answer.results[0].thumbnailUrl, { token: alice.token })).status).toBe(404);
    } finally {
      web.mockRestore();
    }
  });
});
