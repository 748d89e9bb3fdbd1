// What a person does with the shop bot, step by step, whichever library the bot is written
// with (test/e2e/ntba-bot.ts, test/e2e/ptb_bot.py answer alike). Each step is a test of its
// own, so a run says how many of them hold.
import { expect, it } from "vitest";
import { photoForm, png, sha256, type Person } from "./people.ts";

type Stream = { next: (pred: (f: any) => boolean, timeoutMs?: number) => Promise<any> };

export interface ShopRun {
  base: string;
  user: Person;
  bot: { id: number; username: string; token: string };
  live: Stream;
  /** The bot's own report of a file it downloaded. */
  downloaded: () => Promise<{ size: number; sha256: string }>;
  /** The picture the bot sends from its disk. */
  picture: Buffer;
}

export function shopSteps(run: () => ShopRun, label: string) {
  const fromBot = (r: ShopRun, pred: (m: any) => boolean) => (f: any) => f.type === "message" && f.message.from.id === r.bot.id && pred(f.message);

  it(`${label}: /start with a deep link shows typing, then a welcome with a reply keyboard`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/bots/${r.bot.username}/start`, { payload: label.replace(/\W/g, "") });
    await r.live.next((f) => f.type === "typing" && f.chatId === r.bot.id && f.userId === r.bot.id);
    const welcome = await r.live.next(fromBot(r, (m) => m.text.startsWith("Welcome")));
    expect(welcome.message.text).toBe(`Welcome, ${r.user.user.displayName} (you came from "${label.replace(/\W/g, "")}")! Pick something below.`);
    expect(welcome.message.replyMarkup).toMatchObject({ keyboard: [[{ text: "🍕 Order" }, { text: "📷 Photo" }], [{ text: "ℹ️ About" }]], resize_keyboard: true });
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

  it(`${label}: an inline keyboard; pressing a button answers the callback query and edits the message`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "🍕 Order" });
    const menu = await r.live.next(fromBot(r, (m) => m.text === "What would you like?"));
    expect(menu.message.replyMarkup.inline_keyboard[0].map((b: any) => b.callback_data)).toEqual(["pick:pizza", "pick:sushi"]);
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/callback`, { messageId: menu.message.id, data: "pick:sushi" });
    const answer = await r.live.next((f) => f.type === "callback_answer" && f.messageId === menu.message.id);
    expect(answer.text).toBe("You picked sushi");
    const edited = await r.live.next((f) => f.type === "message_edited" && f.message.id === menu.message.id);
    expect(edited.message.text).toBe("Order placed: sushi 🎉");
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
  });

  it(`${label}: deletes a message it sent`, async () => {
    const r = run();
    await r.user.api("POST", `/api/v1/chats/${r.bot.id}/messages`, { text: "/secret" });
    const note = await r.live.next(fromBot(r, (m) => m.text === "This message self-destructs."));
    await r.live.next((f) => f.type === "message_deleted" && f.chatId === r.bot.id && f.messageId === note.message.id);
  });
}
