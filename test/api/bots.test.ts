import { describe, expect, it, vi } from "vitest";
import { env, exports } from "cloudflare:workers";
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { befriend, call, connect, register, send } from "./client.ts";
import { botCall, createBot, drain, sendPhotoUpload, start } from "./bot-helpers.ts";
import type { BotActor } from "../../src/bots/bot-actor.ts";
import { BotSending } from "../../src/bots/sending.ts";

const dotPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("bots as accounts", () => {
  it("creates a bot with a token shown once, finds it in the directory, rotates and revokes", async () => {
    const owner = await register();
    const bot = await createBot(owner, { description: "Answers questions about weather", category: "utilities" });
    expect(bot.token).toMatch(new RegExp(`^${bot.id}:[A-Za-z0-9_-]{36}$`));
    const stub = env.BOTS.getByName(String(bot.id));
    expect((await stub.inspect()).hasTokenHash).toBe(true);
    expect(await everythingStored(stub)).not.toContain(bot.token.split(":")[1]);

    const found = await call("GET", "/api/v1/bots/directory?q=weather", { token: owner.token });
    expect(found.body.bots.map((b: any) => b.username)).toContain(bot.username);
    expect(found.body.bots[0]).toEqual(expect.objectContaining({ id: expect.any(Number), username: expect.any(String), name: expect.any(String), description: expect.any(String) }));

    const me = await bot.api("getMe");
    expect(me).toEqual({ ok: true, result: expect.objectContaining({ id: bot.id, is_bot: true, username: bot.username }) });

    const rotated = await call("POST", `/api/v1/bots/${bot.username}/token`, { token: owner.token });
    expect((await bot.api("getMe")).error_code).toBe(401);
    expect((await botCall(rotated.body.token, "getMe")).ok).toBe(true);
    await call("DELETE", `/api/v1/bots/${bot.username}/token`, { token: owner.token });
    expect((await botCall(rotated.body.token, "getMe")).error_code).toBe(401);

    const stranger = await register();
    expect((await call("POST", `/api/v1/bots/${bot.username}/token`, { token: stranger.token })).status).toBe(403);
  });

  it("keeps an avatar, owner-set, shown to users", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
    const stranger = await register();
    const put = (token: string, type = "image/png") =>
      call("PUT", `/api/v1/bots/${bot.username}/avatar`, { token, body: png, headers: { "Content-Type": type, "Content-Length": String(png.length) } });
    expect((await put(stranger.token)).status).toBe(403);
    expect((await put(owner.token, "text/html")).status).toBe(415);
    expect((await put(owner.token)).status).toBe(200);
    const profile = await call("GET", `/api/v1/bots/${bot.username}`, { token: stranger.token });
    expect(profile.body.bot.avatarUrl).toBe(`/api/v1/bots/${bot.username}/avatar`);
    const img = await call("GET", profile.body.bot.avatarUrl, { token: stranger.token });
    expect(img.status).toBe(200);
    expect(img.response.headers.get("Content-Type")).toBe("image/png");
  });

  it("refuses bad usernames and taken ones", async () => {
    const owner = await register();
    expect((await call("POST", "/api/v1/bots", { token: owner.token, json: { username: "helper", name: "x" } })).status).toBe(400);
    const bot = await createBot(owner);
    const again = await call("POST", "/api/v1/bots", { token: owner.token, json: { username: bot.username.toUpperCase().replace(/BOT$/, "bot"), name: "x" } });
    expect(again.status).toBe(409);
  });
});

/** Every row of every table in an actor's storage, as text: whatever the tables are called. */
async function everythingStored(stub: DurableObjectStub): Promise<string> {
  return runInDurableObject(stub, (_i, state) => {
    const sql = state.storage.sql;
    const tables = sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'").toArray();
    expect(tables.length).toBeGreaterThan(0);
    return JSON.stringify(tables.map(({ name }) => sql.exec(`SELECT * FROM "${name}"`).toArray()));
  });
}

describe("the Bot API wire format", () => {
  it("accepts GET with a query, JSON, urlencoded and multipart bodies", async () => {
    const bot = await createBot(await register());
    const viaGet = await botCall(bot.token, "getMe", {}, { method: "GET" });
    expect(viaGet.ok).toBe(true);
    const form = await botCall(bot.token, "getUpdates", {}, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "timeout=0&limit=5",
    });
    expect(form).toEqual({ ok: true, result: expect.any(Array) });
    const fd = new FormData();
    fd.set("limit", "5");
    expect((await botCall(bot.token, "getUpdates", {}, { method: "POST", body: fd })).ok).toBe(true);
  });

  it("answers Telegram's errors: 401, 404, 400 chat not found, 400 on bad parameters", async () => {
    const bot = await createBot(await register());
    expect(await botCall(`${bot.id}:wrongwrongwrongwrongwrong`, "getMe")).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
    expect((await bot.api("noSuchMethod")).error_code).toBe(404);
    expect(await bot.api("sendMessage", { chat_id: -424242, text: "hi" })).toMatchObject({ ok: false, error_code: 403 });
    expect(await bot.api("sendMessage", { chat_id: bot.id, text: "hi" })).toEqual({ ok: false, error_code: 400, description: "Bad Request: chat not found" });
    expect(await bot.api("sendMessage", { chat_id: 1 })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message text is empty" });
    expect(await bot.api("sendMessage", { chat_id: "abc", text: "x" })).toMatchObject({ ok: false, error_code: 400 });
  });
});

describe("users and bots talking", () => {
  it("starts with a deep-link payload and delivers messages as updates with increasing update_id", async () => {
    const user = await register();
    const bot = await createBot(await register());
    const started = await start(user, bot, "ref-42");
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ chat: { id: bot.id } });
    await send(user, bot.id, "hello bot");
    const updates = await drain(bot);
    expect(updates.map((u) => Object.keys(u).find((k) => k !== "update_id"))).toEqual(["my_chat_member", "message", "message"]);
    expect(updates.map((u) => u.update_id)).toEqual([updates[0].update_id, updates[0].update_id + 1, updates[0].update_id + 2]);
    const [member, startMsg, hello] = updates;
    expect(member.my_chat_member).toMatchObject({
      chat: { id: user.user.id, type: "private" },
      from: { id: user.user.id, is_bot: false, username: user.user.handle },
      old_chat_member: { status: "left" },
      new_chat_member: { status: "member", user: { id: bot.id, is_bot: true } },
    });
    expect(startMsg.message).toMatchObject({ message_id: 1, text: "/start ref-42", chat: { id: user.user.id, type: "private" }, entities: [{ type: "bot_command", offset: 0, length: 6 }] });
    expect(hello.message).toMatchObject({ message_id: 2, text: "hello bot", from: { id: user.user.id, first_name: user.user.displayName } });
    // confirmed updates are gone
    expect((await bot.api("getUpdates", { timeout: 0 })).result).toEqual([]);
  });

  it("tells the bot when a user edits a message", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const m = (await send(user, bot.id, "typo")).body.message;
    await call("PATCH", `/api/v1/chats/${bot.id}/messages/${m.id}`, { token: user.token, json: { text: "fixed" } });
    const updates = await drain(bot);
    expect(updates.at(-1).edited_message).toMatchObject({ message_id: m.id, text: "fixed", edit_date: expect.any(Number) });
  });

  it("long polling returns as soon as an update arrives", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    await drain(bot);
    const timeoutMs = 20_000;
    const poll = bot.api("getUpdates", { timeout: timeoutMs / 1000 });
    await new Promise((r) => setTimeout(r, 100));
    const sentAt = Date.now();
    await send(user, bot.id, "wake up");
    const r = await poll;
    expect(r.result.map((u: any) => u.message.text)).toEqual(["wake up"]);
    // A poll that slept out its timeout would also hold the update; this one must not have.
    expect(Date.now() - sentAt).toBeLessThan(timeoutMs / 4);
  });

  it("sends formatted text and buttons; the user presses one and sees the answer", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    await drain(bot);
    const sock = await connect(user);
    const sent = await bot.api("sendMessage", {
      chat_id: user.user.id,
      text: "<b>Pick</b> one, <a href=\"https://example.com\">or read</a>",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }, { text: "Site", url: "https://example.com" }]] },
    });
    expect(sent.ok).toBe(true);
    expect(sent.result).toMatchObject({
      message_id: 2,
      text: "Pick one, or read",
      entities: [{ type: "bold", offset: 0, length: 4 }, { type: "text_link", offset: 10, length: 7, url: "https://example.com" }],
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }, { text: "Site", url: "https://example.com" }]] },
    });
    const live = await sock.next((f) => f.type === "message" && f.message.id === 2);
    expect(live.message.replyMarkup.inline_keyboard[0][0]).toEqual({ text: "Yes", callback_data: "yes" });
    expect(live.message.from).toMatchObject({ id: bot.id, isBot: true });

    expect((await call("POST", `/api/v1/chats/${bot.id}/callback`, { token: user.token, json: { messageId: 2, data: "no" } })).status).toBe(400);
    expect((await call("POST", `/api/v1/chats/${bot.id}/callback`, { token: user.token, json: { messageId: 2, data: "yes" } })).status).toBe(200);
    const [cb] = await drain(bot);
    expect(cb.callback_query).toMatchObject({ from: { id: user.user.id }, data: "yes", message: { message_id: 2 } });
    expect(await bot.api("answerCallbackQuery", { callback_query_id: cb.callback_query.id, text: "Noted!" })).toEqual({ ok: true, result: true });
    const answer = await sock.next((f) => f.type === "callback_answer");
    expect(answer).toMatchObject({ chatId: bot.id, messageId: 2, text: "Noted!" });
    expect((await bot.api("answerCallbackQuery", { callback_query_id: cb.callback_query.id })).error_code).toBe(400);
  });

  it("edits, removes buttons, deletes, and reports typing", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const sock = await connect(user);
    const m = (await bot.api("sendMessage", { chat_id: user.user.id, text: "v1", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } })).result;
    const keep = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    const edited = await bot.api("editMessageText", { chat_id: user.user.id, message_id: m.message_id, text: "*v2*", parse_mode: "MarkdownV2", reply_markup: keep });
    expect(edited.result).toMatchObject({ text: "v2", entities: [{ type: "bold", offset: 0, length: 2 }], edit_date: expect.any(Number), reply_markup: keep });
    const same = await bot.api("editMessageText", { chat_id: user.user.id, message_id: m.message_id, text: "*v2*", parse_mode: "MarkdownV2", reply_markup: keep });
    expect(same.description).toMatch(/not modified/);
    const stripped = await bot.api("editMessageReplyMarkup", { chat_id: user.user.id, message_id: m.message_id });
    expect(stripped.result.reply_markup).toBeUndefined();
    await sock.next((f) => f.type === "message_edited" && !f.message.replyMarkup);
    expect((await bot.api("sendChatAction", { chat_id: user.user.id, action: "typing" })).ok).toBe(true);
    await sock.next((f) => f.type === "typing" && f.userId === bot.id);
    expect((await bot.api("deleteMessage", { chat_id: user.user.id, message_id: m.message_id })).result).toBe(true);
    expect((await bot.api("deleteMessage", { chat_id: user.user.id, message_id: m.message_id })).error_code).toBe(400);
    expect((await bot.api("editMessageText", { chat_id: user.user.id, message_id: 999, text: "x" })).description).toBe("Bad Request: message to edit not found");
  });

  it("deletes several messages at once, skipping ids that name none", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const ids = [];
    for (const text of ["a", "b", "c"]) ids.push((await bot.api("sendMessage", { chat_id: user.user.id, text })).result.message_id);
    expect(await bot.api("deleteMessages", { chat_id: user.user.id, message_ids: [ids[0], ids[1], 9999] })).toEqual({ ok: true, result: true });
    const left = (await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: user.token })).body.messages.map((m: { text: string }) => m.text);
    expect(left).toEqual(["/start", "c"]);
    expect((await bot.api("deleteMessages", { chat_id: user.user.id, message_ids: [] })).description).toBe("Bad Request: message identifiers are not specified");
    expect((await bot.api("deleteMessages", { chat_id: user.user.id, message_ids: Array.from({ length: 101 }, (_, i) => i + 1) })).description).toMatch(/too many message identifiers/);
  });

  it("cannot start a conversation, and is refused once blocked, with my_chat_member updates", async () => {
    const user = await register();
    const bot = await createBot(await register());
    expect(await bot.api("sendMessage", { chat_id: user.user.id, text: "spam" })).toEqual({
      ok: false,
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    await start(user, bot);
    await drain(bot);
    expect((await call("POST", `/api/v1/bots/${bot.username}/block`, { token: user.token })).status).toBe(200);
    expect((await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat.blocked).toBe(true);
    expect(await bot.api("sendMessage", { chat_id: user.user.id, text: "still there?" })).toEqual({
      ok: false,
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await call("POST", `/api/v1/bots/${bot.username}/unblock`, { token: user.token });
    expect((await call("GET", `/api/v1/chats/${bot.id}`, { token: user.token })).body.chat.blocked).toBe(false);
    expect((await bot.api("sendMessage", { chat_id: user.user.id, text: "welcome back" })).ok).toBe(true);
    const statuses = (await drain(bot)).map((u) => [u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status]);
    expect(statuses).toEqual([["member", "kicked"], ["kicked", "member"]]);
  });

  it("sends photos by upload and by file_id, and serves them through getFile", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
    const form = new FormData();
    form.set("chat_id", String(user.user.id));
    form.set("caption", "a <i>dot</i>");
    form.set("parse_mode", "HTML");
    form.set("photo", "attach://file0");
    form.set("file0", new Blob([png], { type: "application/octet-stream" }), "dot.png");
    const sent = await botCall(bot.token, "sendPhoto", {}, { method: "POST", body: form });
    expect(sent.ok).toBe(true);
    expect(sent.result).toMatchObject({ caption: "a dot", caption_entities: [{ type: "italic", offset: 2, length: 3 }], photo: [{ file_size: png.length }] });
    const fileId = sent.result.photo[0].file_id;
    const again = await bot.api("sendPhoto", { chat_id: user.user.id, photo: fileId });
    expect(again.result.photo[0]).toMatchObject({ file_size: png.length }); // a copy: deleting one leaves the other
    expect(again.result.photo[0].file_id).not.toBe(fileId);
    await bot.api("deleteMessage", { chat_id: user.user.id, message_id: again.result.message_id });
    expect((await bot.api("getFile", { file_id: fileId })).ok).toBe(true);
    const forged = await bot.api("sendPhoto", { chat_id: user.user.id, photo: { upload: { key: "x", fileId: "y", mime: "text/html", size: 1, name: "z" } } });
    expect(forged.error_code).toBe(400);
    expect((await bot.api("sendPhoto", { chat_id: user.user.id, photo: "upload://photo" })).description).toBe("Bad Request: there is no file in the request");
    const pdf = new FormData();
    pdf.set("chat_id", String(user.user.id));
    pdf.set("photo", new Blob(["%PDF-1.4"], { type: "application/pdf" }), "doc.pdf");
    expect((await botCall(bot.token, "sendPhoto", {}, { method: "POST", body: pdf })).error_code).toBe(400);
    const file = await bot.api("getFile", { file_id: fileId });
    expect(file.result).toMatchObject({ file_id: fileId, file_size: png.length, file_path: expect.any(String) });
    const { exports } = await import("cloudflare:workers");
    const download = await exports.default.fetch(`http://switchboard.test/file/bot${bot.token}/${file.result.file_path}`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
    const other = await createBot(await register());
    expect((await other.api("getFile", { file_id: fileId })).error_code).toBe(400);
    // the user sees the image, with the bot's caption
    const history = await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: user.token });
    expect(history.body.messages.at(-1).media).toMatchObject({ kind: "image", mime: "image/png" });
  });

  it("keeps command menus", async () => {
    const owner = await register();
    const bot = await createBot(owner);
    const commands = [{ command: "start", description: "Start" }, { command: "menu", description: "Show the menu" }];
    expect((await bot.api("setMyCommands", { commands })).result).toBe(true);
    expect((await bot.api("getMyCommands")).result).toEqual(commands);
    expect((await call("GET", `/api/v1/bots/${bot.username}`, { token: owner.token })).body.bot.commands).toEqual(commands);
    expect((await bot.api("setMyCommands", { commands: [{ command: "Bad Command", description: "x" }] })).error_code).toBe(400);
    await bot.api("deleteMyCommands");
    expect((await bot.api("getMyCommands")).result).toEqual([]);
  });
});

describe("bots in groups", () => {
  it("sees only commands, mentions and replies with privacy on; everything with it off", async () => {
    const [owner, friend] = [await register(), await register()];
    await befriend(owner, friend);
    const bot = await createBot(owner);
    await start(owner, bot);
    const g = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "With bot", memberIds: [friend.user.id, bot.id] } });
    expect(g.status).toBe(201);
    const groupId = g.body.chat.id;
    const joined = (await drain(bot)).map((u) => u.my_chat_member).filter((m) => m?.chat.type === "group");
    expect(joined).toEqual([expect.objectContaining({ chat: { id: groupId, type: "group", title: "With bot" }, from: expect.objectContaining({ id: owner.user.id }), new_chat_member: expect.objectContaining({ status: "member" }) })]);
    await send(friend, groupId, "just chatting");
    await send(friend, groupId, "/help");
    await send(friend, groupId, `hey @${bot.username} look`);
    await send(friend, groupId, `/other@someone_else_bot`);
    const fromBot = await bot.api("sendMessage", { chat_id: groupId, text: "I am here" });
    expect(fromBot.result.chat).toEqual({ id: groupId, type: "group", title: "With bot" });
    await send(friend, groupId, "replying", { replyTo: fromBot.result.message_id });
    const seen = (await drain(bot)).map((u) => u.message.text);
    expect(seen).toEqual(["/help", `hey @${bot.username} look`, "replying"]);

    await call("PATCH", `/api/v1/bots/${bot.username}`, { token: owner.token, json: { privacy: false } });
    await send(friend, groupId, "now you hear all");
    expect((await drain(bot)).map((u) => u.message.text)).toEqual(["now you hear all"]);
    const me = await bot.api("getMe");
    expect(me.result.can_read_all_group_messages).toBe(true);
    const chat = await bot.api("getChat", { chat_id: groupId });
    expect(chat.result).toEqual({ id: groupId, type: "group", title: "With bot" });
    await call("DELETE", `/api/v1/chats/${groupId}/members/${bot.id}`, { token: owner.token });
    const left = (await drain(bot)).map((u) => u.my_chat_member);
    expect(left).toEqual([expect.objectContaining({ old_chat_member: expect.objectContaining({ status: "member" }), new_chat_member: expect.objectContaining({ status: "left" }) })]);
    expect((await bot.api("sendMessage", { chat_id: groupId, text: "still here?" })).description).toBe("Forbidden: bot is not a member of the group chat");
  });
});

describe("webhooks", () => {
  it("refuses private, link-local and plain-http URLs", async () => {
    const bot = await createBot(await register());
    for (const url of ["http://example.com/hook", "https://10.0.0.5/hook", "https://169.254.169.254/latest", "https://192.168.1.2/", "https://[::1]/", "https://localhost/", "https://router.internal/"]) {
      const r = await bot.api("setWebhook", { url });
      expect(r.ok, url).toBe(false);
      expect(r.error_code).toBe(400);
    }
  });

  it("blocks getUpdates while set, and reports delivery errors in getWebhookInfo", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    expect((await bot.api("setWebhook", { url: "https://hooks.example.com/bot", secret_token: "s3cret" })).result).toBe(true);
    const conflict = await bot.api("getUpdates");
    expect(conflict).toMatchObject({ ok: false, error_code: 409 });
    await send(user, bot.id, "are you there?");
    let info: any;
    for (let i = 0; i < 50; i++) {
      info = (await bot.api("getWebhookInfo")).result;
      if (info.last_error_date) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(info).toMatchObject({ url: "https://hooks.example.com/bot", pending_update_count: 3, last_error_date: expect.any(Number), last_error_message: expect.any(String) });
    expect((await bot.api("deleteWebhook")).result).toBe(true);
    expect((await drain(bot)).length).toBe(3);
  });

  it("keeps a failed update's retry time when new updates arrive: the alarm is never pushed back", async () => {
    const user = await register();
    const bot = await createBot(await register());
    const stub = env.BOTS.getByName(String(bot.id));
    // Outbound requests all get a 502 in tests: every delivery fails and is retried with back-off.
    expect((await bot.api("setWebhook", { url: "https://hooks.example.com/retry" })).result).toBe(true);
    await start(user, bot);
    // Wait for the alarm to bring the first retry (the second attempt, whose own retry waits
    // twice as long): what follows then happens while that retry is still waiting.
    let oldest = (await stub.inspect()).oldestUpdate;
    for (let i = 0; i < 50 && (oldest?.attempts ?? 0) < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      oldest = (await stub.inspect()).oldestUpdate;
    }
    expect(oldest?.attempts).toBeGreaterThanOrEqual(2);
    const waiting = await alarmAndOldest(stub);
    expect(waiting.alarm).not.toBeNull();
    expect(waiting.alarm!).toBeLessThanOrEqual(waiting.oldest!.nextAttemptAt);

    const sentAt = Date.now();
    expect((await send(user, bot.id, "a newer update")).status).toBe(201);
    expect(sentAt).toBeLessThan(waiting.oldest!.nextAttemptAt); // the retry was still waiting
    const after = await alarmAndOldest(stub);
    expect((await stub.inspect()).pendingUpdates.at(-1)).toMatchObject({ message: { text: "a newer update" } });
    expect(after.oldest).toEqual(waiting.oldest); // the new update changed nothing about the oldest
    expect(after.alarm).not.toBeNull();
    expect(after.alarm!).toBeLessThanOrEqual(after.oldest!.nextAttemptAt);

    // An alarm that fires before the retry is due (as after a restart) sets itself again for it.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const again = await alarmAndOldest(stub);
    expect(again.oldest!.updateId).toBe(waiting.oldest!.updateId);
    expect(again.alarm).not.toBeNull();
    expect(again.alarm!).toBeLessThanOrEqual(again.oldest!.nextAttemptAt);
  });
});

/** The actor's alarm and its oldest update, read together (no event runs between the two reads). */
function alarmAndOldest(stub: DurableObjectStub<BotActor>) {
  return runInDurableObject(stub, async (instance, state) => {
    const oldest = instance.inspect().oldestUpdate;
    return { oldest, alarm: await state.storage.getAlarm() };
  });
}

describe("beyond Telegram", () => {
  it("schedules messages: lists, cancels, and fires at the time", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const sock = await connect(user);
    const later = await bot.api("scheduleMessage", { chat_id: user.user.id, text: "tomorrow", send_at: Math.floor(Date.now() / 1000) + 86400 });
    expect(later.result).toEqual({ scheduled_message_id: expect.any(Number), chat_id: user.user.id, send_at: expect.any(Number) });
    const soon = await bot.api("scheduleMessage", { chat_id: user.user.id, text: "now-ish", send_at: Math.floor(Date.now() / 1000) + 1 });
    expect((await bot.api("getScheduledMessages")).result.map((s: any) => s.text)).toEqual(["now-ish", "tomorrow"]);
    expect((await bot.api("deleteScheduledMessage", { scheduled_message_id: later.result.scheduled_message_id })).result).toBe(true);
    const fired = await sock.next((f) => f.type === "message" && f.message.text === "now-ish", 8000);
    expect(fired.message.from.id).toBe(bot.id);
    // The chat delivers the message before the bot hears back and marks the schedule sent.
    let left = (await bot.api("getScheduledMessages")).result;
    for (let i = 0; i < 20 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = (await bot.api("getScheduledMessages")).result;
    }
    expect(left).toEqual([]);
    expect(soon.ok).toBe(true);
    expect((await bot.api("scheduleMessage", { chat_id: user.user.id, text: "past", send_at: 1000 })).error_code).toBe(400);
  });

  it("broadcasts to everyone who started and did not block, never the same content twice", async () => {
    const [u1, u2, u3] = [await register(), await register(), await register()];
    const bot = await createBot(await register());
    for (const u of [u1, u2, u3]) await start(u, bot);
    await call("POST", `/api/v1/bots/${bot.username}/block`, { token: u3.token });
    const first = await bot.api("broadcastMessage", { text: "Big news!" });
    expect(first.result).toMatchObject({ status: "done", sent: 2 });
    await evictDurableObject(env.BOTS.getByName(String(bot.id))); // a restart keeps the ledger
    const repeat = await bot.api("broadcastMessage", { text: "Big news!" });
    expect(repeat.result).toMatchObject({ status: "done", sent: 0 });
    const keyed = await bot.api("broadcastMessage", { text: "Big news, reworded", dedup_key: first.result.content_key });
    expect(keyed.result.sent).toBe(0);
    const badFile = await bot.api("broadcastMessage", { photo: "AAAA", caption: "broken" });
    expect(badFile).toMatchObject({ ok: false, error_code: 400 });
    const fresh = await bot.api("broadcastMessage", { text: "Other news" });
    expect(fresh.result.sent).toBe(2);
    for (const u of [u1, u2]) {
      const texts = (await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: u.token })).body.messages.map((m: any) => m.text);
      expect(texts).toEqual(["/start", "Big news!", "Other news"]);
    }
    const blocked = (await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: u3.token })).body.messages.map((m: any) => m.text);
    expect(blocked).toEqual(["/start"]);
  });

  it("sends message_read updates when asked for them", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    await bot.api("getUpdates", { allowed_updates: ["message", "message_read"], timeout: 0 });
    const m = (await bot.api("sendMessage", { chat_id: user.user.id, text: "read me" })).result;
    await call("POST", `/api/v1/chats/${bot.id}/read`, { token: user.token, json: { messageId: m.message_id } });
    const updates = await drain(bot);
    const read = updates.find((u) => u.message_read);
    expect(read.message_read).toMatchObject({ chat: { id: user.user.id }, from: { id: user.user.id }, message_id: m.message_id });
  });

  it("rate-limits sends with 429 and retry_after", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await bot.api("sendMessage", { chat_id: user.user.id, text: `burst ${i}` }));
    const limited = results.find((r) => !r.ok);
    expect(results.filter((r) => r.ok).length).toBe(5);
    expect(limited).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: expect.any(Number) } });
    expect(limited.description).toMatch(/^Too Many Requests: retry after \d+$/);
    const owner = await register();
    const fast = await createBot(owner);
    await start(user, fast);
    const roomy = { rate: 100, burst: 100 };
    const patched = await call("PATCH", `/api/v1/bots/${fast.username}`, { token: owner.token, json: { rateLimits: { global: roomy, privateChat: roomy, group: roomy } } });
    expect(patched.status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await fast.api("sendMessage", { chat_id: user.user.id, text: `fast ${i}` })).ok).toBe(true);
  });

  it("keeps an uploaded file when the call fails after the chat stored its message (removes it only on a refusal)", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const upload = (caption: string) => {
      const form = new FormData();
      form.set("chat_id", String(user.user.id));
      form.set("caption", caption);
      form.set("photo", new Blob([Uint8Array.from(atob(dotPng), (c) => c.charCodeAt(0))], { type: "image/png" }), "dot.png");
      return exports.default.fetch(new Request(`http://switchboard.test/bot${bot.token}/sendPhoto`, { method: "POST", body: form }));
    };
    const send = BotSending.prototype.send;
    const failing = vi.spyOn(BotSending.prototype, "send").mockImplementation(async function (this: BotSending, ...args) {
      await send.apply(this, args); // stored in the chat
      throw new Error("lost after storing");
    });
    try {
      expect((await upload("kept")).status).toBe(500);
    } finally {
      failing.mockRestore();
    }
    const shown = (await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: user.token })).body.messages.at(-1);
    expect(shown.text).toBe("kept");
    expect((await call("GET", shown.media.url, { token: user.token })).status).toBe(200);
    // A refusal stores nothing: the upload goes again.
    const chatKey = `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}`;
    const before = (await env.MEDIA.list({ prefix: `${chatKey}/` })).objects.length;
    await call("POST", `/api/v1/bots/${bot.username}/block`, { token: user.token });
    expect((await upload("refused")).status).toBe(403);
    expect((await env.MEDIA.list({ prefix: `${chatKey}/` })).objects.length).toBe(before);
  });

  it("a broadcast repeated after a lost ledger answers the earlier message and leaves no copy of its photo behind", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const photo = (await sendPhotoUpload(bot, user.user.id)).result.photo.at(-1).file_id;
    const chatKey = `p:${Math.min(user.user.id, bot.id)}:${Math.max(user.user.id, bot.id)}`;
    const stored = async () => (await env.MEDIA.list({ prefix: `${chatKey}/` })).objects.length;
    expect((await bot.api("broadcastMessage", { photo, caption: "news", dedup_key: "photo-news" })).result).toMatchObject({ status: "done", sent: 1 });
    const before = await stored();
    // A crash between the send and the ledger's write: the next run sends again, with the same idempotency key.
    await runInDurableObject(env.BOTS.getByName(String(bot.id)), (_i, state) => void state.storage.sql.exec("DELETE FROM broadcast_ledger"));
    expect((await bot.api("broadcastMessage", { photo, caption: "news", dedup_key: "photo-news" })).result).toMatchObject({ status: "done", sent: 1 });
    expect(await stored()).toBe(before);
    const texts = (await call("GET", `/api/v1/chats/${bot.id}/messages`, { token: user.token })).body.messages.map((m: any) => m.text);
    expect(texts).toEqual(["/start", "", "news"]);
  });

  it("counts an album as one send in its chat: ten photos reach a private chat under the default limits", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    const photo = (await sendPhotoUpload(bot, user.user.id)).result.photo.at(-1).file_id;
    const album = await bot.api("sendMediaGroup", { chat_id: user.user.id, media: Array.from({ length: 10 }, () => ({ type: "photo", media: photo })) });
    expect(album.ok, JSON.stringify(album)).toBe(true);
    expect(album.result).toHaveLength(10);
    // Two sends of the private chat's burst of 5 are spent: three more go.
    for (let i = 0; i < 3; i++) expect((await bot.api("sendMessage", { chat_id: user.user.id, text: `then ${i}` })).ok).toBe(true);
  });
});
