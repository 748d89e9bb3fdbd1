// Messages made from other messages or structured content: forwards, copies, locations,
// contacts, and the entities Telegram detects in people's messages (issue 8).
import { beforeAll, describe, expect, it } from "vitest";
import { botCall, createBot, drain, start, type TestBot } from "./bot-helpers.ts";
import { befriend, call, register, send, type Session } from "./client.ts";

const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));

let alice: Session; // owns the bot, started it, in the group
let bob: Session; // in the group, started the bot
let carol: Session; // never started the bot
let bot: TestBot;
let groupId: number;

const history = async (s: Session, chatId: number) => (await call("GET", `/api/v1/chats/${chatId}/messages?limit=100`, { token: s.token })).body.messages as any[];

beforeAll(async () => {
  [alice, bob, carol] = [await register("al"), await register("bo"), await register("ca")];
  await befriend(alice, bob);
  bot = await createBot(alice);
  const roomy = { rate: 100, burst: 100 }; // many sends to one chat in a moment; rate limits are tested elsewhere
  await call("PATCH", `/api/v1/bots/${bot.username}`, { token: alice.token, json: { rateLimits: { global: roomy, privateChat: roomy, group: roomy } } });
  await start(alice, bot);
  await start(bob, bot);
  const g = await call("POST", "/api/v1/chats", { token: alice.token, json: { type: "group", title: "Tea Room", memberIds: [bob.user.id, bot.id] } });
  groupId = g.body.chat.id;
  await drain(bot);
});

describe("forwardMessage and forwardMessages", () => {
  it("forwards a person's group message to a private chat with its origin, in Telegram's fields", async () => {
    const original = (await send(bob, groupId, "see https://example.com #tea")).body.message;
    const r = await bot.api("forwardMessage", { chat_id: alice.user.id, from_chat_id: groupId, message_id: original.id });
    expect(r.ok).toBe(true);
    const origin = { id: bob.user.id, is_bot: false, first_name: bob.user.displayName, username: bob.user.handle };
    expect(r.result).toMatchObject({
      chat: { id: alice.user.id, type: "private" },
      from: { id: bot.id, is_bot: true },
      text: "see https://example.com #tea",
      entities: [
        { type: "url", offset: 4, length: 19 },
        { type: "hashtag", offset: 24, length: 4 },
      ],
      forward_origin: { type: "user", sender_user: origin, date: original.date },
      forward_from: origin,
      forward_date: original.date,
    });
    // alice sees who first wrote it, and where
    const seen = (await history(alice, bot.id)).find((m) => m.id === r.result.message_id);
    expect(seen.forwardOrigin).toEqual({ from: bob.user, date: original.date, chatTitle: "Tea Room" });
    // a forward of the forward keeps the first origin
    const again = await bot.api("forwardMessage", { chat_id: bob.user.id, from_chat_id: alice.user.id, message_id: r.result.message_id });
    expect(again.result.forward_origin).toEqual({ type: "user", sender_user: origin, date: original.date });
  });

  it("forwards many, skipping ids that name no message, and answers MessageId[]", async () => {
    const a = (await send(alice, groupId, "one")).body.message.id;
    const b = (await send(alice, groupId, "two")).body.message.id;
    const r = await bot.api("forwardMessages", { chat_id: bob.user.id, from_chat_id: groupId, message_ids: [a, b, 999_999] });
    expect(r.ok).toBe(true);
    expect(r.result).toEqual([{ message_id: expect.any(Number) }, { message_id: expect.any(Number) }]);
    const texts = (await history(bob, bot.id)).filter((m) => r.result.some((x: any) => x.message_id === m.id)).map((m) => [m.text, m.forwardOrigin?.from.id]);
    expect(texts).toEqual([
      ["one", alice.user.id],
      ["two", alice.user.id],
    ]);
    // form-encoded, as node-telegram-bot-api sends it
    const form = new URLSearchParams({ chat_id: String(bob.user.id), from_chat_id: String(groupId), message_ids: JSON.stringify([a]) });
    const viaForm = await botCall(bot.token, "forwardMessages", {}, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() });
    expect(viaForm.result).toHaveLength(1);
  });

  it("refuses in Telegram's words", async () => {
    const id = (await send(alice, groupId, "here")).body.message.id;
    const f = (p: Record<string, unknown>) => bot.api("forwardMessage", { chat_id: alice.user.id, from_chat_id: groupId, message_id: id, ...p });
    expect(await f({ message_id: 999_999 })).toEqual({ ok: false, error_code: 400, description: "Bad Request: message to forward not found" });
    // a chat the bot is not in, or no chat at all
    const other = await register();
    await befriend(alice, other);
    const elsewhere = (await call("POST", "/api/v1/chats", { token: alice.token, json: { type: "group", title: "No bots", memberIds: [other.user.id] } })).body.chat.id;
    await send(alice, elsewhere, "secret");
    expect((await f({ from_chat_id: elsewhere, message_id: 1 })).description).toBe("Bad Request: chat not found");
    expect((await f({ from_chat_id: "@nobody" })).description).toBe("Bad Request: chat not found");
    // a target the bot may not write to
    expect(await f({ chat_id: carol.user.id })).toEqual({ ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    expect((await f({ from_chat_id: undefined })).description).toBe("Bad Request: from_chat_id is empty");
    const many = (p: Record<string, unknown>) => bot.api("forwardMessages", { chat_id: alice.user.id, from_chat_id: groupId, ...p });
    expect((await many({})).description).toBe("Bad Request: message identifiers are not specified");
    expect((await many({ message_ids: [] })).description).toBe("Bad Request: message identifiers are not specified");
    expect((await many({ message_ids: [id, id - 1] })).description).toBe("Bad Request: message identifiers must be in strictly increasing order");
    expect((await many({ message_ids: Array.from({ length: 101 }, (_, i) => i + 1) })).description).toBe("Bad Request: too many message identifiers specified");
    // past the parser's own bound too: Telegram's words, with no field name before them
    expect((await many({ message_ids: Array.from({ length: 1001 }, (_, i) => i + 1) })).description).toBe("Bad Request: too many message identifiers specified");
    expect((await many({ message_ids: [999_998, 999_999] })).description).toBe("Bad Request: message to forward not found");
  });
});

describe("copyMessage and copyMessages", () => {
  it("copies a photo with a new caption and no origin; each keeps its own file", async () => {
    const form = new FormData();
    form.set("chat_id", String(alice.user.id));
    form.set("caption", "original");
    form.set("photo", new Blob([png], { type: "image/png" }), "dot.png");
    const photo = await botCall(bot.token, "sendPhoto", {}, { method: "POST", body: form });
    expect(photo.ok).toBe(true);
    const r = await bot.api("copyMessage", { chat_id: bob.user.id, from_chat_id: alice.user.id, message_id: photo.result.message_id, caption: "<b>new</b>", parse_mode: "HTML" });
    expect(r).toEqual({ ok: true, result: { message_id: expect.any(Number) } });
    const copy = (await history(bob, bot.id)).find((m) => m.id === r.result.message_id);
    expect(copy).toMatchObject({ text: "new", entities: [{ type: "bold", offset: 0, length: 3 }], media: { kind: "image", size: png.length } });
    expect(copy.forwardOrigin).toBeUndefined();
    const original = (await history(alice, bot.id)).find((m) => m.id === photo.result.message_id);
    expect(copy.media.fileId).not.toBe(original.media.fileId);
    // deleting the original leaves the copy's file
    expect((await bot.api("deleteMessage", { chat_id: alice.user.id, message_id: photo.result.message_id })).ok).toBe(true);
    const file = await call("GET", copy.media.url, { token: bob.token });
    expect(file.status).toBe(200);
    expect((await bot.api("copyMessage", { chat_id: bob.user.id, from_chat_id: alice.user.id, message_id: photo.result.message_id })).description).toBe(
      "Bad Request: message to copy not found",
    );
  });

  it("copies many, with reply markup on one, and a text stays a text", async () => {
    const a = (await send(bob, groupId, "first *text*")).body.message.id;
    const one = await bot.api("copyMessage", {
      chat_id: alice.user.id,
      from_chat_id: groupId,
      message_id: a,
      caption: "ignored for texts",
      reply_markup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] },
    });
    const seen = (await history(alice, bot.id)).find((m) => m.id === one.result.message_id);
    expect(seen).toMatchObject({ text: "first *text*", from: { id: bot.id }, replyMarkup: { inline_keyboard: [[{ text: "Go", callback_data: "go" }]] } });
    const b = (await send(bob, groupId, "second")).body.message.id;
    const many = await bot.api("copyMessages", { chat_id: alice.user.id, from_chat_id: groupId, message_ids: [a, b], remove_caption: true });
    expect(many.result).toHaveLength(2);
    const texts = (await history(alice, bot.id)).filter((m) => many.result.some((x: any) => x.message_id === m.id)).map((m) => m.text);
    expect(texts).toEqual(["first *text*", "second"]);
  });
});

describe("protect_content", () => {
  it("is kept with the message (has_protected_content); bots can't forward or copy it, and forwardMessages skips it", async () => {
    const form = new FormData();
    form.set("chat_id", String(groupId));
    form.set("caption", "members only");
    form.set("protect_content", "true");
    form.set("photo", new Blob([png], { type: "image/png" }), "dot.png");
    const kept = await botCall(bot.token, "sendPhoto", {}, { method: "POST", body: form });
    expect(kept.result).toMatchObject({ caption: "members only", has_protected_content: true });
    const open = (await bot.api("sendMessage", { chat_id: groupId, text: "anyone may share" })).result;
    expect(open).not.toHaveProperty("has_protected_content");
    expect((await history(alice, groupId)).find((m) => m.id === kept.result.message_id).protectContent).toBe(true);

    const relay = (method: string, p: Record<string, unknown>) => bot.api(method, { chat_id: alice.user.id, from_chat_id: groupId, ...p });
    expect(await relay("forwardMessage", { message_id: kept.result.message_id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: the message can't be forwarded" });
    expect(await relay("copyMessage", { message_id: kept.result.message_id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: the message can't be copied" });
    expect((await relay("copyMessages", { message_ids: [kept.result.message_id] })).description).toBe("Bad Request: the message can't be copied");
    const some = await relay("forwardMessages", { message_ids: [kept.result.message_id, open.message_id] });
    expect(some.result).toHaveLength(1);
    expect((await history(alice, bot.id)).at(-1)).toMatchObject({ text: "anyone may share", forwardOrigin: expect.anything() });
    // A forward the bot protects is protected in turn.
    const guarded = await relay("forwardMessage", { message_id: open.message_id, protect_content: true });
    expect(guarded.result).toMatchObject({ text: "anyone may share", has_protected_content: true });
    // People can't forward it either: nothing is posted.
    const count = (await history(alice, bob.user.id)).length;
    const byPerson = await call("POST", `/api/v1/chats/${bob.user.id}/forward`, { token: alice.token, json: { fromChatId: groupId, messageIds: [open.message_id, kept.result.message_id] } });
    expect(byPerson.status).toBe(403);
    expect(byPerson.body.error).toEqual({ code: "content_protected", message: "its sender protected this message: it can't be forwarded" });
    expect((await history(alice, bob.user.id)).length).toBe(count);
  });
});

describe("sendLocation and sendContact", () => {
  it("sends a location, in Telegram's shape, and the user sees it", async () => {
    const r = await bot.api("sendLocation", { chat_id: alice.user.id, latitude: 48.8584, longitude: 2.2945, horizontal_accuracy: 25 });
    expect(r.ok).toBe(true);
    expect(r.result.location).toEqual({ latitude: 48.8584, longitude: 2.2945, horizontal_accuracy: 25 });
    expect(r.result.text).toBeUndefined();
    const seen = (await history(alice, bot.id)).find((m) => m.id === r.result.message_id);
    expect(seen.location).toEqual({ latitude: 48.8584, longitude: 2.2945, horizontalAccuracy: 25 });
    // form strings; a live period is accepted and ignored (a static location); accuracy capped as Telegram caps it
    const form = new URLSearchParams({ chat_id: String(alice.user.id), latitude: "-33.8568", longitude: "151.2153", live_period: "600", horizontal_accuracy: "5000" });
    const live = await botCall(bot.token, "sendLocation", {}, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() });
    expect(live.result.location).toEqual({ latitude: -33.8568, longitude: 151.2153, horizontal_accuracy: 1500 });
  });

  it("refuses coordinates out of range and missing ones, storing nothing", async () => {
    const before = (await history(alice, bot.id)).length;
    const wrong = { ok: false, error_code: 400, description: "Bad Request: wrong location specified" };
    expect(await bot.api("sendLocation", { chat_id: alice.user.id, latitude: 90.5, longitude: 0 })).toEqual(wrong);
    expect(await bot.api("sendLocation", { chat_id: alice.user.id, latitude: 0, longitude: -180.01 })).toEqual(wrong);
    expect((await bot.api("sendLocation", { chat_id: alice.user.id, longitude: 0 })).description).toBe("Bad Request: latitude is empty");
    expect((await bot.api("sendLocation", { chat_id: alice.user.id, latitude: "north", longitude: 0 })).error_code).toBe(400);
    expect((await bot.api("sendLocation", { chat_id: carol.user.id, latitude: 0, longitude: 0 })).error_code).toBe(403);
    expect((await history(alice, bot.id)).length).toBe(before);
  });

  it("sends a contact, with a bounded vCard", async () => {
    const vcard = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD";
    const r = await bot.api("sendContact", { chat_id: groupId, phone_number: "+44 20 7946 0958", first_name: "Ada", last_name: "Lovelace", vcard });
    expect(r.result.contact).toEqual({ phone_number: "+44 20 7946 0958", first_name: "Ada", last_name: "Lovelace", vcard });
    const seen = (await history(bob, groupId)).find((m) => m.id === r.result.message_id);
    expect(seen.contact).toEqual({ phoneNumber: "+44 20 7946 0958", firstName: "Ada", lastName: "Lovelace", vcard });
    expect((await bot.api("sendContact", { chat_id: groupId, first_name: "Ada" })).description).toBe("Bad Request: phone_number is empty");
    expect((await bot.api("sendContact", { chat_id: groupId, phone_number: "+1", first_name: "A", vcard: "é".repeat(1025) })).error_code).toBe(400);
  });

  it("a person's location and contact reach the bot as Telegram's fields, and can be forwarded", async () => {
    await drain(bot);
    const place = await send(alice, bot.id, "", { text: undefined, location: { latitude: 51.5, longitude: -0.12 } });
    expect(place.status).toBe(201);
    expect(place.body.message).toMatchObject({ text: "", location: { latitude: 51.5, longitude: -0.12 } });
    const card = await send(alice, bot.id, "", { text: undefined, contact: { phoneNumber: "+15550100", firstName: "Bo" } });
    expect(card.status).toBe(201);
    const updates = (await drain(bot)).map((u) => u.message);
    expect(updates).toEqual([
      expect.objectContaining({ location: { latitude: 51.5, longitude: -0.12 } }),
      expect.objectContaining({ contact: { phone_number: "+15550100", first_name: "Bo" } }),
    ]);
    expect(updates[0].text).toBeUndefined();
    const fwd = await bot.api("forwardMessage", { chat_id: bob.user.id, from_chat_id: alice.user.id, message_id: place.body.message.id });
    expect(fwd.result).toMatchObject({ location: { latitude: 51.5, longitude: -0.12 }, forward_origin: { sender_user: { id: alice.user.id } } });
    // the client API refuses a location out of range, and text with a location
    expect((await send(alice, bot.id, "", { text: undefined, location: { latitude: 91, longitude: 0 } })).status).toBe(400);
    expect((await send(alice, bot.id, "hi", { location: { latitude: 1, longitude: 0 } })).status).toBe(400);
    expect((await send(alice, bot.id, "", { text: undefined })).status).toBe(400);
  });
});

describe("entities", () => {
  it("detects what Telegram detects in a person's message, stores it, and a bot can echo it unchanged", async () => {
    await drain(bot);
    const text = `😀 /help@${bot.username} hi @${bob.user.handle}, mail x@example.org or see example.com. $USD #go +1 212 555 0123`;
    const sent = await send(alice, bot.id, text);
    const kinds = sent.body.message.entities.map((e: any) => [e.type, text.slice(e.offset, e.offset + e.length)]);
    expect(kinds).toEqual([
      ["bot_command", `/help@${bot.username}`],
      ["mention", `@${bob.user.handle}`],
      ["email", "x@example.org"],
      ["url", "example.com"],
      ["cashtag", "$USD"],
      ["hashtag", "#go"],
      ["phone_number", "+1 212 555 0123"],
    ]);
    expect(sent.body.message.entities[0].offset).toBe(3); // the emoji is two UTF-16 units
    expect((await history(alice, bot.id)).at(-1).entities).toEqual(sent.body.message.entities); // stored
    const [update] = await drain(bot);
    expect(update.message.entities).toEqual(sent.body.message.entities);
    const echo = await bot.api("sendMessage", { chat_id: alice.user.id, text: update.message.text, entities: update.message.entities });
    expect(echo.result.entities).toEqual(update.message.entities);
    // an edit brings the new text's entities
    const edited = await call("PATCH", `/api/v1/chats/${bot.id}/messages/${sent.body.message.id}`, { token: alice.token, json: { text: "now #other" } });
    expect(edited.body.message.entities).toEqual([{ type: "hashtag", offset: 4, length: 6 }]);
    // a plain message carries none
    expect((await send(alice, bot.id, "nothing here")).body.message.entities).toBeUndefined();
  });

  it("takes every entity type, and sends text_mention's user as a Telegram User, custom_emoji_id kept", async () => {
    const text = "Ada 🙂 spoiler quote";
    const user = { id: alice.user.id, is_bot: false, first_name: alice.user.displayName, username: alice.user.handle };
    const entities = [
      { type: "text_mention", offset: 0, length: 3, user },
      { type: "custom_emoji", offset: 4, length: 2, custom_emoji_id: "5368324170671202286" },
      { type: "spoiler", offset: 7, length: 7 },
      { type: "expandable_blockquote", offset: 15, length: 5 },
    ];
    const r = await bot.api("sendMessage", { chat_id: alice.user.id, text, entities });
    expect(r.result.entities).toEqual(entities);
    const seen = (await history(alice, bot.id)).find((m) => m.id === r.result.message_id);
    expect(seen.entities[0].user).toEqual({ id: alice.user.id, displayName: alice.user.displayName, handle: alice.user.handle });
    // A mention of a bot stays a bot's.
    const botUser = { id: bot.id, is_bot: true, first_name: "Helper", username: bot.username };
    const named = await bot.api("sendMessage", { chat_id: alice.user.id, text: "Helper", entities: [{ type: "text_mention", offset: 0, length: 6, user: botUser }] });
    expect(named.result.entities[0].user).toEqual(botUser);
  });
});

describe("forwarding through the client API", () => {
  it("a person forwards a bot's message into a group: with its origin, its own file", async () => {
    const loc = await bot.api("sendLocation", { chat_id: alice.user.id, latitude: 10, longitude: 20 });
    const txt = await bot.api("sendMessage", { chat_id: alice.user.id, text: "from the bot" });
    const r = await call("POST", `/api/v1/chats/${groupId}/forward`, { token: alice.token, json: { fromChatId: bot.id, messageIds: [txt.result.message_id, loc.result.message_id, 999_999] } });
    expect(r.status).toBe(201);
    expect(r.body.messages).toEqual([
      expect.objectContaining({ location: { latitude: 10, longitude: 20 }, from: expect.objectContaining({ id: alice.user.id }), forwardOrigin: expect.objectContaining({ from: expect.objectContaining({ id: bot.id, isBot: true }) }) }),
      expect.objectContaining({ text: "from the bot", forwardOrigin: expect.objectContaining({ date: txt.result.date }) }),
    ]);
    const seenByBob = (await history(bob, groupId)).slice(-2).map((m) => m.forwardOrigin?.from.id);
    expect(seenByBob).toEqual([bot.id, bot.id]);
  });

  it("refuses chats the person is not in and messages that do not exist", async () => {
    const none = await call("POST", `/api/v1/chats/${groupId}/forward`, { token: alice.token, json: { fromChatId: bot.id, messageIds: [999_999] } });
    expect(none.status).toBe(404);
    const stranger = await call("POST", `/api/v1/chats/${carol.user.id}/forward`, { token: alice.token, json: { fromChatId: bot.id, messageIds: [1] } });
    expect(stranger.status).toBe(403);
    const notMine = await call("POST", `/api/v1/chats/${bot.id}/forward`, { token: carol.token, json: { fromChatId: groupId, messageIds: [1] } });
    expect(notMine.status).toBe(403);
    const bad = await call("POST", `/api/v1/chats/${groupId}/forward`, { token: alice.token, json: { fromChatId: bot.id, messageIds: [] } });
    expect(bad.status).toBe(400);
  });
});
