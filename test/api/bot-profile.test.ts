// The bot's profile through the Bot API (issue 8): names and descriptions per language, command
// lists per scope and language (and what the client API shows each user), the menu button,
// profile photos.
import { describe, expect, it } from "vitest";
import { exports } from "cloudflare:workers";
import { befriend, call, connect, register, type Session } from "./client.ts";
import { createBot, start, type TestBot } from "./bot-helpers.ts";
import { MAX_COMMAND_SETS } from "../../src/bots/command-scopes.ts";

const cmd = (command: string) => [{ command, description: `the ${command} command` }];
const menuOf = async (s: Session, chatId: number, lang?: string) =>
  (await call("GET", `/api/v1/chats/${chatId}/bot-menu${lang ? `?lang=${lang}` : ""}`, { token: s.token })).body.bots;

describe("names and descriptions", () => {
  it("renames the bot: getMe, new messages, the directory and the chat list show the new name", async () => {
    const user = await register();
    const bot = await createBot(await register());
    await start(user, bot);
    expect(await bot.api("setMyName", { name: "Renamed Bot" })).toEqual({ ok: true, result: true });
    expect((await bot.api("getMe")).result.first_name).toBe("Renamed Bot");
    expect(await bot.api("getMyName")).toEqual({ ok: true, result: { name: "Renamed Bot" } });
    const sock = await connect(user);
    await bot.api("sendMessage", { chat_id: user.user.id, text: "new name, who dis" });
    const live = await sock.next((f) => f.type === "message" && f.message.text === "new name, who dis");
    expect(live.message.from.displayName).toBe("Renamed Bot");
    const listed = (await call("GET", `/api/v1/bots/directory?q=${bot.username}`, { token: user.token })).body.bots;
    expect(listed.map((b: any) => b.name)).toEqual(["Renamed Bot"]);
    const chats = (await call("GET", "/api/v1/chats", { token: user.token })).body.chats;
    expect(chats.find((c: any) => c.id === bot.id).title).toBe("Renamed Bot");
    // The default name cannot be removed; a too long one is refused and changes nothing.
    expect((await bot.api("setMyName", { name: "" })).ok).toBe(true);
    expect((await bot.api("getMyName")).result.name).toBe("Renamed Bot");
    expect((await bot.api("setMyName", { name: "x".repeat(65) })).error_code).toBe(400);
    expect((await bot.api("getMe")).result.first_name).toBe("Renamed Bot");
    sock.ws.close();
  });

  it("keeps a name and descriptions per language; a language without its own falls back to the default", async () => {
    const user = await register();
    const bot = await createBot(await register(), { description: "Created with this", about: "Short at first" });
    expect(await bot.api("getMyDescription")).toEqual({ ok: true, result: { description: "Created with this" } });
    expect(await bot.api("getMyShortDescription")).toEqual({ ok: true, result: { short_description: "Short at first" } });
    expect((await bot.api("setMyName", { name: "Wetterfrosch", language_code: "de" })).result).toBe(true);
    expect((await bot.api("setMyDescription", { description: "I tell the weather." })).result).toBe(true);
    expect((await bot.api("setMyDescription", { description: "Ich sage das Wetter.", language_code: "de" })).result).toBe(true);
    expect((await bot.api("setMyShortDescription", { short_description: "Weather, now" })).result).toBe(true);

    expect((await bot.api("getMyName", { language_code: "de" })).result).toEqual({ name: "Wetterfrosch" });
    expect((await bot.api("getMyName", { language_code: "fr" })).result.name).toMatch(/^Test Bot/);
    expect((await bot.api("getMyDescription", { language_code: "de" })).result).toEqual({ description: "Ich sage das Wetter." });
    expect((await bot.api("getMyDescription", { language_code: "fr" })).result).toEqual({ description: "I tell the weather." });
    expect((await bot.api("getMyShortDescription", { language_code: "de" })).result).toEqual({ short_description: "Weather, now" });
    expect((await bot.api("getMe")).result.first_name).toMatch(/^Test Bot/); // a language's name is not the default one

    // The client API shows them: the directory the defaults, a bot's profile in the asker's language.
    const listed = (await call("GET", `/api/v1/bots/directory?q=${bot.username}`, { token: user.token })).body.bots[0];
    expect(listed).toMatchObject({ description: "I tell the weather.", about: "Weather, now" });
    const inGerman = (await call("GET", `/api/v1/bots/${bot.username}?lang=de-AT`, { token: user.token })).body.bot;
    expect(inGerman.texts).toEqual({ name: "Wetterfrosch", description: "Ich sage das Wetter.", shortDescription: "Weather, now" });
    expect(inGerman.description).toBe("I tell the weather."); // the existing field keeps its meaning
    expect((await call("GET", `/api/v1/bots/${bot.username}`, { token: user.token })).body.bot.texts.description).toBe("I tell the weather.");

    // "" removes a language's own text.
    await bot.api("setMyDescription", { description: "", language_code: "de" });
    expect((await bot.api("getMyDescription", { language_code: "de" })).result.description).toBe("I tell the weather.");

    for (const bad of [
      { method: "setMyDescription", params: { description: "x".repeat(513) } },
      { method: "setMyShortDescription", params: { short_description: "x".repeat(121) } },
      { method: "setMyName", params: { name: "ok", language_code: "deu" } },
      { method: "getMyName", params: { language_code: "EN" } },
    ]) {
      expect((await bot.api(bad.method, bad.params)).error_code, bad.method).toBe(400);
    }
  });
});

describe("commands per scope and language", () => {
  async function botInGroup(): Promise<{ owner: Session; friend: Session; bot: TestBot; groupId: number }> {
    const [owner, friend] = [await register(), await register()];
    await befriend(owner, friend);
    const bot = await createBot(owner);
    await start(owner, bot);
    await start(friend, bot);
    const g = await call("POST", "/api/v1/chats", { token: owner.token, json: { type: "group", title: "Scoped", memberIds: [friend.user.id, bot.id] } });
    return { owner, friend, bot, groupId: g.body.chat.id };
  }

  it("keeps each scope's list as set, and shows each user the list that applies in Telegram's order", async () => {
    const { owner, friend, bot, groupId } = await botInGroup();
    await bot.api("setMyCommands", { commands: cmd("help") });
    await bot.api("setMyCommands", { commands: cmd("hilfe"), language_code: "de" });
    await bot.api("setMyCommands", { commands: cmd("start"), scope: { type: "all_private_chats" } });
    await bot.api("setMyCommands", { commands: cmd("mine"), scope: { type: "chat", chat_id: friend.user.id } });
    await bot.api("setMyCommands", { commands: cmd("group"), scope: { type: "all_group_chats" } });
    await bot.api("setMyCommands", { commands: cmd("ban"), scope: { type: "all_chat_administrators" } });
    // getMyCommands answers exactly the list asked for, without falling back.
    expect((await bot.api("getMyCommands")).result).toEqual(cmd("help"));
    expect((await bot.api("getMyCommands", { language_code: "de" })).result).toEqual(cmd("hilfe"));
    expect((await bot.api("getMyCommands", { language_code: "fr" })).result).toEqual([]);
    expect((await bot.api("getMyCommands", { scope: { type: "all_private_chats" } })).result).toEqual(cmd("start"));
    expect((await bot.api("getMyCommands", { scope: JSON.stringify({ type: "chat", chat_id: friend.user.id }) })).result).toEqual(cmd("mine"));

    // Private chats: the chat's own list, then all private chats.
    expect((await menuOf(friend, bot.id))[0].commands).toEqual(cmd("mine"));
    expect((await menuOf(owner, bot.id, "de"))[0].commands).toEqual(cmd("start"));
    await bot.api("deleteMyCommands", { scope: { type: "all_private_chats" } });
    expect((await menuOf(owner, bot.id, "de-DE"))[0].commands).toEqual(cmd("hilfe")); // the default, in German
    expect((await menuOf(owner, bot.id, "fr"))[0].commands).toEqual(cmd("help"));

    // Groups: all admins (for the owner), all groups (for others), a member's own list first.
    expect((await menuOf(owner, groupId))[0]).toMatchObject({ id: bot.id, username: bot.username, commands: cmd("ban") });
    expect((await menuOf(friend, groupId))[0].commands).toEqual(cmd("group"));
    await bot.api("setMyCommands", { commands: cmd("special"), scope: { type: "chat_member", chat_id: groupId, user_id: friend.user.id } });
    await bot.api("setMyCommands", { commands: cmd("admins_here"), scope: { type: "chat_administrators", chat_id: groupId } });
    expect((await menuOf(friend, groupId))[0].commands).toEqual(cmd("special"));
    expect((await menuOf(owner, groupId))[0].commands).toEqual(cmd("admins_here"));
  });

  it("refuses scopes naming chats the bot is not in, or of the wrong kind, and bounds the number of lists", async () => {
    const { friend, bot, groupId } = await botInGroup();
    const stranger = await register();
    expect(await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "chat", chat_id: stranger.user.id } })).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    expect((await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "chat", chat_id: -999999 } })).ok).toBe(false);
    expect((await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "chat_administrators", chat_id: friend.user.id } })).error_code).toBe(400);
    expect((await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "chat_member", chat_id: groupId, user_id: stranger.user.id } })).description).toBe(
      "Bad Request: user not found",
    );
    expect((await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "everyone" } })).error_code).toBe(400);
    expect((await bot.api("setMyCommands", { commands: cmd("x"), language_code: "english" })).error_code).toBe(400);

    const languages = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26)));
    for (const language_code of languages.slice(0, MAX_COMMAND_SETS)) {
      expect((await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "all_group_chats" }, language_code })).ok).toBe(true);
    }
    const over = await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "all_group_chats" }, language_code: languages[MAX_COMMAND_SETS] });
    expect(over).toMatchObject({ ok: false, error_code: 400 });
    expect(over.description).toContain("deleteMyCommands");
    // Replacing a list that exists, or the default one, still works; deleting makes room.
    expect((await bot.api("setMyCommands", { commands: cmd("y"), scope: { type: "all_group_chats" }, language_code: "aa" })).ok).toBe(true);
    expect((await bot.api("setMyCommands", { commands: cmd("z") })).ok).toBe(true);
    await bot.api("deleteMyCommands", { scope: { type: "all_group_chats" }, language_code: "aa" });
    expect((await bot.api("setMyCommands", { commands: cmd("x"), scope: { type: "all_group_chats" }, language_code: languages[MAX_COMMAND_SETS] })).ok).toBe(true);
  });
});

describe("the menu button", () => {
  it("is set per private chat or by default, falls back to the default, and shows in the client's bot menu", async () => {
    const [a, b] = [await register(), await register()];
    const bot = await createBot(await register());
    await start(a, bot);
    await start(b, bot);
    expect(await bot.api("getChatMenuButton")).toEqual({ ok: true, result: { type: "default" } });
    expect(await bot.api("setChatMenuButton", { menu_button: { type: "commands" } })).toEqual({ ok: true, result: true });
    const app = { type: "web_app", text: "Open shop", web_app: { url: "https://shop.example.com/app" } };
    expect((await bot.api("setChatMenuButton", { chat_id: a.user.id, menu_button: JSON.stringify(app) })).result).toBe(true);
    expect((await bot.api("getChatMenuButton", { chat_id: a.user.id })).result).toEqual(app);
    expect((await bot.api("getChatMenuButton", { chat_id: b.user.id })).result).toEqual({ type: "commands" });
    expect((await bot.api("getChatMenuButton")).result).toEqual({ type: "commands" });
    expect((await menuOf(a, bot.id))[0].menuButton).toEqual(app);
    expect((await menuOf(b, bot.id))[0].menuButton).toEqual({ type: "commands" });

    // Only https Web Apps; only private chats the bot is in; no button removes the chat's own.
    const http = { type: "web_app", text: "x", web_app: { url: "http://shop.example.com/" } };
    expect((await bot.api("setChatMenuButton", { menu_button: http })).error_code).toBe(400);
    expect((await bot.api("setChatMenuButton", { menu_button: { ...app, web_app: { url: "javascript:alert(1)" } } })).error_code).toBe(400);
    expect((await bot.api("setChatMenuButton", { menu_button: { type: "fancy" } })).error_code).toBe(400);
    expect((await bot.api("setChatMenuButton", { chat_id: (await register()).user.id, menu_button: app })).ok).toBe(false);
    expect((await bot.api("setChatMenuButton", { chat_id: a.user.id })).result).toBe(true);
    expect((await bot.api("getChatMenuButton", { chat_id: a.user.id })).result).toEqual({ type: "commands" });
  });
});

describe("profile photos", () => {
  const png = Uint8Array.from(
    atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
    (ch) => ch.charCodeAt(0),
  );

  it("gives a person none, a bot its avatar (readable with getFile), and refuses users the bot has not met", async () => {
    const user = await register();
    const owner = await register();
    const bot = await createBot(owner);
    // Ids are sequential: a bot learns nothing of an account it has not met.
    expect(await bot.api("getUserProfilePhotos", { user_id: user.user.id })).toEqual({ ok: false, error_code: 400, description: "Bad Request: user not found" });
    await start(user, bot);
    expect(await bot.api("getUserProfilePhotos", { user_id: user.user.id })).toEqual({ ok: true, result: { total_count: 0, photos: [] } });
    expect(await bot.api("getUserProfilePhotos", { user_id: bot.id })).toEqual({ ok: true, result: { total_count: 0, photos: [] } });
    await call("PUT", `/api/v1/bots/${bot.username}/avatar`, { token: owner.token, body: png, headers: { "Content-Type": "image/png", "Content-Length": String(png.length) } });

    const photos = (await bot.api("getUserProfilePhotos", { user_id: bot.id })).result;
    expect(photos.total_count).toBe(1);
    expect(photos.photos).toEqual([[{ file_id: expect.any(String), file_unique_id: expect.any(String), file_size: png.length, width: 1, height: 1 }]]);
    expect((await bot.api("getUserProfilePhotos", { user_id: bot.id, offset: 1 })).result).toEqual({ total_count: 1, photos: [] });
    const other = await createBot(await register()); // any bot may read it
    const file = (await other.api("getFile", { file_id: photos.photos[0][0].file_id })).result;
    expect(file).toMatchObject({ file_id: photos.photos[0][0].file_id, file_size: png.length, file_path: `avatars/${bot.id}.png` });
    const download = await exports.default.fetch(new Request(`http://switchboard.test/file/bot${other.token}/${file.file_path}`));
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);

    expect(await bot.api("getUserProfilePhotos", { user_id: 7 })).toEqual({ ok: false, error_code: 400, description: "Bad Request: user not found" });
    expect((await bot.api("getUserProfilePhotos", { user_id: bot.id, limit: 0 })).error_code).toBe(400);
    expect((await bot.api("getFile", { file_id: btoa("avatar:12345678").replace(/=+$/, "") })).description).toBe("Bad Request: invalid file_id");
  });
});
