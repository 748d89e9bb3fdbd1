// What a person does with the shop bot, step by step, whichever library the bot is written
// with (test/e2e/ntba-bot.ts, test/e2e/ptb_bot.py answer alike). Each step is a test of its
// own, so a run says how many of them hold.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { clientApi, eventually, photoForm, png, sha256, type Person } from "./people.ts";

type Stream = { next: (pred: (f: any) => boolean, timeoutMs?: number) => Promise<any> };

export interface ShopRun {
  base: string;
  user: Person;
  /** The bot's owner, whose chat with the bot gets orders and customers' photos. */
  owner: Person;
  ownerLive: Stream;
  bot: { id: number; username: string; token: string };
  live: Stream;
  /** The bot's own report of a file it downloaded. */
  downloaded: () => Promise<{ size: number; sha256: string }>;
  /** The bot's own report of a chosen inline result (chosen_inline_result). */
  chosen: () => Promise<{ resultId: string; query: string }>;
  /** The pictures the bot sends from its disk: special.png, and dessert.png beside it. */
  picture: Buffer;
  dessert: Buffer;
  /** Another chat of the person's (a group without the bot), to use the bot inline from. */
  elsewhere: number;
}

/**
 * Everything of a run but the bot's own reports, on the platform at `base`: the owner's
 * "Pizza Shop" bot set up as an owner would (rate limits roomy enough for a quick customer,
 * inline mode on, started by the owner so it may write to them; the update waits for the bot),
 * a customer and their group without the bot, and the bot's pictures written into `dir`
 * (`seed` makes each library's picture its own).
 */
export async function openShop(base: string, dir: string, seed: number): Promise<Omit<ShopRun, "downloaded" | "chosen">> {
  const people = clientApi(base);
  const owner = await people.register();
  const user = await people.register();
  const bot = await people.createBot(owner, "Pizza Shop");
  // The person here taps faster than Telegram's 1 message a second per chat lets a bot answer.
  await owner.api("PATCH", `/api/v1/bots/${bot.username}`, { rateLimits: { global: { rate: 30, burst: 30 }, privateChat: { rate: 30, burst: 30 }, group: { rate: 1, burst: 20 } } });
  // BotFather's /setinline, as the owner sets it up.
  await owner.api("PATCH", `/api/v1/bots/${bot.username}`, { inline: { enabled: true, placeholder: "Search the menu…" } });
  await owner.api("POST", `/api/v1/bots/${bot.username}/start`, {});
  const picture = png(64, 40, seed);
  writeFileSync(join(dir, "special.png"), picture);
  const dessert = png(40, 40, 9);
  writeFileSync(join(dir, "dessert.png"), dessert);
  return {
    base,
    user,
    bot,
    live: await people.stream(user),
    owner,
    ownerLive: await people.stream(owner),
    elsewhere: (await user.api("POST", "/api/v1/chats", { type: "group", title: "Lunch", memberIds: [] })).chat.id,
    picture,
    dessert,
  };
}

/** What each launch sets up; the name and descriptions only where the library has setMyName and the rest. */
const COMMANDS = [
  { command: "start", description: "Start over" },
  { command: "gallery", description: "Our dishes in pictures" },
  { command: "whoami", description: "Who am I here?" },
  { command: "secret", description: "A message that deletes itself" },
];
const PROFILE = { name: "Pizza Shop 🍕", description: "Order pizza and sushi, vote for next week's topping.", shortDescription: "Pizza and sushi" };

/**
 * `reactions`: whether the library knows reactions; `profile`: whether it has setMyName,
 * setMyDescription and getMyName (python-telegram-bot 13 predates both).
 */
export function shopSteps(run: () => ShopRun, label: string, features: { reactions: boolean; profile: boolean }) {
  const fromBot = (r: ShopRun, pred: (m: any) => boolean) => (f: any) => f.type === "message" && f.message.from.id === r.bot.id && pred(f.message);

  it(`${label}: /start with a deep link shows typing, then a welcome with a reply keyboard`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/bots/${r.bot.username}/start`, { payload: label.replace(/\W/g, "") });
    await r.live.next((f) => f.type === "typing" && f.chatId === r.bot.id && f.userId === r.bot.id);
    const welcome = await r.live.next(fromBot(r, (m) => m.text.startsWith("Welcome")));
    expect(welcome.message.text).toBe(`Welcome, ${r.user.user.displayName} (you came from "${label.replace(/\W/g, "")}")! Pick something below.`);
    expect(welcome.message.replyMarkup).toMatchObject({ keyboard: [[{ text: "🍕 Order" }, { text: "📷 Photo" }], [{ text: "🗳 Vote" }, { text: "ℹ️ About" }]], resize_keyboard: true });
  });

  it(`${label}: the commands it set at launch show in the person's composer${features.profile ? ", with the name and descriptions it set" : ""}`, async () => {
    const r = run();
    const menu = await eventually(async () => {
      const { bots } = await r.user.api("GET", `/api/v1/chats/${r.bot.id}/bot-menu`);
      return bots[0]?.commands.length && (!features.profile || bots[0].name === PROFILE.name) ? bots[0] : undefined;
    });
    expect(menu.commands).toEqual(COMMANDS);
    if (features.profile) {
      const { bot } = await r.user.api("GET", `/api/v1/bots/${r.bot.username}`);
      expect(bot.texts).toEqual(PROFILE);
    }
  });

  it(`${label}: a reply keyboard button is answered from getMe`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "ℹ️ About" });
    const about = await r.live.next(fromBot(r, (m) => m.text.startsWith("I am")));
    expect(about.message.text).toBe(`I am @${r.bot.username}, bot number ${r.bot.id}.`);
  });

  it(`${label}: echoes text, keeping the sender's entities and adding its own`, async () => {
    const r = run();
    const text = "see https://example.com/menu #pizza for @friends";
    const sent = (await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text })).message;
    const echo = await r.live.next(fromBot(r, (m) => m.text.startsWith("You said: ")));
    expect(echo.message.text).toBe(`You said: ${text}`);
    const shifted = (sent.entities ?? []).map((e: any) => ({ ...e, offset: e.offset + 10 }));
    expect(echo.message.entities).toEqual([{ type: "bold", offset: 0, length: 9 }, ...shifted]);
  });

  it(`${label}: an inline keyboard; pressing a button answers the callback query, edits the message and pins it`, async () => {
    const r = run();
    const order = (await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "🍕 Order" })).message;
    const menu = await r.live.next(fromBot(r, (m) => m.text === "What would you like?"));
    expect(menu.message.replyMarkup.inline_keyboard[0].map((b: any) => b.callback_data)).toEqual(["pick:pizza", "pick:sushi"]);
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/callback`, { messageId: menu.message.id, data: "pick:sushi" });
    const answer = await r.live.next((f) => f.type === "callback_answer" && f.messageId === menu.message.id);
    expect(answer.text).toBe("You picked sushi");
    const edited = await r.live.next((f) => f.type === "message_edited" && f.message.id === menu.message.id);
    expect(edited.message.text).toBe("Order placed: sushi 🎉");
    const notice = await r.live.next(fromBot(r, (m) => m.pinnedMessage));
    expect(notice.message.pinnedMessage).toMatchObject({ id: menu.message.id, text: "Order placed: sushi 🎉" });
    await r.live.next((f) => f.type === "message_edited" && f.message.id === menu.message.id && f.message.pinned === true);
    if (features.reactions) {
      const liked = await r.live.next((f) => f.type === "message_edited" && f.message.id === order.id);
      expect(liked.message.reactions).toEqual([{ emoji: "👍", count: 1, userIds: [r.bot.id] }]);
    }
  });

  it(`${label}: sends a poll; a vote reaches the bot as poll_answer, which thanks the voter and stops the poll`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "🗳 Vote" });
    const poll = await r.live.next(fromBot(r, (m) => m.poll));
    expect(poll.message.poll).toMatchObject({ question: "Which topping next week?", options: [{ text: "Mushrooms" }, { text: "Olives" }, { text: "Pineapple" }], isAnonymous: false, isClosed: false });
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages/${poll.message.id}/vote`, { options: [1] });
    const thanks = await r.live.next(fromBot(r, (m) => m.text.startsWith("Thanks")));
    expect(thanks.message.text).toBe(`Thanks, ${r.user.user.displayName}! You voted for Olives.`);
    const closed = await r.live.next((f) => f.type === "message_edited" && f.message.id === poll.message.id && f.message.poll.isClosed);
    expect(closed.message.poll.options.map((o: any) => o.voterCount)).toEqual([0, 1, 0]);
  });

  it.skipIf(!features.reactions)(`${label}: a person's reaction reaches the bot as message_reaction`, async () => {
    const r = run();
    const about = (await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "ℹ️ About" })).message;
    const reply = await r.live.next(fromBot(r, (m) => m.text.startsWith("I am") && m.id > about.id));
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages/${reply.message.id}/reactions`, { emoji: "🔥" });
    await r.live.next(fromBot(r, (m) => m.text === `Thanks for the 🔥, ${r.user.user.displayName}!`));
  });

  it(`${label}: a shared location is forwarded to the owner and answered with the shop's location and contact`, async () => {
    const r = run();
    const sent = (await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { location: { latitude: 52.52, longitude: 13.405 } })).message;
    const forwarded = await r.ownerLive.next(fromBot(r, (m) => m.location));
    expect(forwarded.message.location).toMatchObject({ latitude: 52.52, longitude: 13.405 });
    expect(forwarded.message.forwardOrigin.from.id).toBe(r.user.user.id);
    expect(forwarded.message.forwardOrigin.date).toBe(sent.date);
    await r.live.next(fromBot(r, (m) => m.text === "Delivering to 52.5200, 13.4050. Or visit us:"));
    const shop = await r.live.next(fromBot(r, (m) => m.location));
    expect(shop.message.location).toMatchObject({ latitude: 52.5145, longitude: 13.3501 });
    expect(shop.message.forwardOrigin).toBeUndefined();
    const contact = await r.live.next(fromBot(r, (m) => m.contact));
    expect(contact.message.contact).toMatchObject({ phoneNumber: "+49 30 1234567", firstName: "Pizza Shop" });
  });

  it(`${label}: sends a photo uploaded from a file`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "📷 Photo" });
    const photo = await r.live.next(fromBot(r, (m) => m.media));
    expect(photo.message).toMatchObject({ text: "Today's special", media: { kind: "image", mime: "image/png", size: r.picture.length } });
    const bytes = await fetch(`${r.base}${photo.message.media.url}`, { headers: { Authorization: `Bearer ${r.user.token}` } }).then((x) => x.arrayBuffer());
    expect(Buffer.from(bytes)).toEqual(r.picture);
  });

  it(`${label}: downloads a person's photo with getFile and the file URL`, async () => {
    const r = run();
    const mine = png(48, 32, 7);
    const sent = (await r.user.api("POST", `/api/v1/chats/${r.bot.id}/media`, photoForm(mine, "holiday.png"))).message;
    const got = await r.downloaded();
    expect(got).toEqual({ size: mine.length, sha256: sha256(mine) });
    const reply = await r.live.next(fromBot(r, (m) => m.text.startsWith("Got your photo")));
    expect(reply.message.text).toBe(`Got your photo: ${mine.length} bytes, sha256 ${sha256(mine).slice(0, 16)}`);
    expect(reply.message.replyTo).toBe(sent.id);
    const copy = await r.ownerLive.next(fromBot(r, (m) => m.media));
    expect(copy.message).toMatchObject({ text: "From a customer", media: { kind: "image", size: mine.length } });
    expect(copy.message.forwardOrigin).toBeUndefined();
    const copied = await fetch(`${r.base}${copy.message.media.url}`, { headers: { Authorization: `Bearer ${r.owner.token}` } }).then((x) => x.arrayBuffer());
    expect(Buffer.from(copied)).toEqual(mine);
  });

  it(`${label}: inline in another chat: the bot's results, the chosen ones posted there via the bot, chosen_inline_result`, async () => {
    const r = run();
    const asked = await r.user.api("POST", "/api/v1/inline/query", { bot: r.bot.username, chatId: r.elsewhere, query: "pi" });
    expect(asked.answer.results.map((x: any) => [x.id, x.type, x.title ?? null, x.description ?? null])).toEqual([
      ["margherita", "article", "Pizza Margherita", "9 €"],
      ["hawaii", "article", "Pineapple pizza", "11 €"],
      ["special", "photo", null, null],
    ]);
    const choose = (resultId: string) => r.user.api("POST", "/api/v1/inline/choose", { botId: r.bot.id, queryId: asked.queryId, resultId, chatId: r.elsewhere });
    const article = (await choose("hawaii")).message;
    expect(article).toMatchObject({ chatId: r.elsewhere, text: "🍕 Pineapple pizza: 11 €", from: { id: r.user.user.id }, viaBot: { id: r.bot.id } });
    expect(await r.chosen()).toEqual({ resultId: "hawaii", query: "pi" });
    const photo = (await choose("special")).message;
    expect(photo).toMatchObject({ chatId: r.elsewhere, text: "Today's special", media: { kind: "image", size: r.picture.length }, viaBot: { id: r.bot.id } });
    const bytes = await fetch(`${r.base}${photo.media.url}`, { headers: { Authorization: `Bearer ${r.user.token}` } }).then((x) => x.arrayBuffer());
    expect(Buffer.from(bytes)).toEqual(r.picture);
    expect(await r.chosen()).toEqual({ resultId: "special", query: "pi" });
  });

  it(`${label}: sends an album of two photos uploaded from files`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "/gallery" });
    const first = await r.live.next(fromBot(r, (m) => m.media && m.mediaGroupId && m.text === "Today's special"));
    const second = await r.live.next(fromBot(r, (m) => m.media && m.mediaGroupId && m.text === "Dessert"));
    expect(second.message.mediaGroupId).toBe(first.message.mediaGroupId);
    expect(second.message.id).toBe(first.message.id + 1);
    for (const [m, bytes] of [[first, r.picture], [second, r.dessert]] as const) {
      expect(m.message.media).toMatchObject({ kind: "image", size: bytes.length });
      const got = await fetch(`${r.base}${m.message.media.url}`, { headers: { Authorization: `Bearer ${r.user.token}` } }).then((x) => x.arrayBuffer());
      expect(Buffer.from(got)).toEqual(bytes);
    }
  });

  it(`${label}: answers who the person is from getChatMember`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "/whoami" });
    const name = features.profile ? PROFILE.name : "Pizza Shop";
    await r.live.next(fromBot(r, (m) => m.text === `${r.user.user.displayName}, you are a member of this chat with ${name}.`));
  });

  it(`${label}: deletes a message it sent and the person's message`, async () => {
    const r = run();
    const command = (await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "/secret" })).message;
    const note = await r.live.next(fromBot(r, (m) => m.text === "This message self-destructs."));
    await r.live.next((f) => f.type === "message_deleted" && f.chatId === r.bot.id && f.messageId === note.message.id);
    await r.live.next((f) => f.type === "message_deleted" && f.chatId === r.bot.id && f.messageId === command.id);
  });
}
