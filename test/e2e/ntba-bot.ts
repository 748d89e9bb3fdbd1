// A shop bot written for Telegram with node-telegram-bot-api, as its users write one: the
// only Switchboard-specific thing is the `baseApiUrl` its creator passes. The same handlers
// run whether the bot polls or listens on a webhook.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createHash } from "node:crypto";
import TelegramBot from "node-telegram-bot-api";

export interface ShopBotEvent {
  kind: "downloaded" | "chosen" | "error";
  detail: Record<string, unknown>;
}

const MENU = {
  keyboard: [[{ text: "🍕 Order" }, { text: "📷 Photo" }], [{ text: "🗳 Vote" }, { text: "ℹ️ About" }]],
  resize_keyboard: true,
};
const BUTTONS = new Set(MENU.keyboard.flat().map((b) => b.text));
const TOPPINGS = ["Mushrooms", "Olives", "Pineapple"];
const SHOP = { latitude: 52.5145, longitude: 13.3501, phone: "+49 30 1234567", name: "Pizza Shop" };
const DISHES = [
  { id: "margherita", title: "Pizza Margherita", price: 9 },
  { id: "hawaii", title: "Pineapple pizza", price: 11 },
  { id: "sushi", title: "Sushi box", price: 14 },
];

export const COMMANDS = [
  { command: "start", description: "Start over" },
  { command: "gallery", description: "Our dishes in pictures" },
  { command: "whoami", description: "Who am I here?" },
  { command: "secret", description: "A message that deletes itself" },
];
export const PROFILE = { name: "Pizza Shop 🍕", description: "Order pizza and sushi, vote for next week's topping.", shortDescription: "Pizza and sushi" };

/** Telegram's defaults, and the two updates a bot must ask for: inline feedback and reactions. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "poll_answer", "inline_query", "chosen_inline_result", "message_reaction"];

/** Creates the bot; `mode` picks polling or a webhook server on `port`. */
export function createShopBot(
  token: string,
  opts: {
    baseApiUrl: string;
    mode: "polling" | "webhook";
    port?: number;
    picture: string;
    downloads: string;
    /** Where orders and customers' photos go: the owner's chat with the bot. */
    ownerChatId: number;
    report: (e: ShopBotEvent) => void;
  },
): TelegramBot {
  const bot =
    opts.mode === "polling"
      ? new TelegramBot(token, { polling: { interval: 100, params: { timeout: 10, allowed_updates: ALLOWED_UPDATES } }, baseApiUrl: opts.baseApiUrl })
      : new TelegramBot(token, { webHook: { port: opts.port!, host: "127.0.0.1" }, baseApiUrl: opts.baseApiUrl });

  // Open polls, by poll id: where each was sent, to thank the voter there and close it.
  const polls = new Map<string, { chatId: number; messageId: number }>();
  // The special's photo, once sent: inline results offer it by file_id.
  let specialPhoto: string | null = null;

  const guard =
    <A extends unknown[]>(f: (...a: A) => Promise<unknown>) =>
    (...a: A) => {
      f(...a).catch((err: Error) => opts.report({ kind: "error", detail: { message: err.message } }));
    };

  // At launch: the commands people see in the composer, and the bot's name and descriptions.
  guard(async () => {
    await bot.setMyCommands(COMMANDS);
    await bot.setMyName({ name: PROFILE.name });
    await bot.setMyDescription({ description: PROFILE.description });
    await bot.setMyShortDescription({ short_description: PROFILE.shortDescription });
  })();

  bot.onText(
    /^\/start(?:\s+(.+))?$/,
    guard(async (msg: TelegramBot.Message, match: RegExpExecArray | null) => {
      await bot.sendChatAction(msg.chat.id, "typing");
      const from = match?.[1] ? ` (you came from "${match[1]}")` : "";
      await bot.sendMessage(msg.chat.id, `Welcome, ${msg.from!.first_name}${from}! Pick something below.`, { reply_markup: MENU });
    }),
  );

  bot.onText(
    /^\/gallery$/,
    guard(async (msg: TelegramBot.Message) => {
      const file = { filename: "dish.png", contentType: "image/png" };
      await bot.sendMediaGroup(msg.chat.id, [
        { type: "photo", media: opts.picture, caption: "Today's special", fileOptions: file } as TelegramBot.InputMediaPhoto,
        { type: "photo", media: join(dirname(opts.picture), "dessert.png"), caption: "Dessert", fileOptions: file } as TelegramBot.InputMediaPhoto,
      ]);
    }),
  );

  bot.onText(
    /^\/whoami$/,
    guard(async (msg: TelegramBot.Message) => {
      const member = await bot.getChatMember(msg.chat.id, msg.from!.id);
      const name = (await bot.getMyName()).name;
      await bot.sendMessage(msg.chat.id, `${member.user.first_name}, you are a ${member.status} of this chat with ${name}.`);
    }),
  );

  bot.onText(
    /^\/secret$/,
    guard(async (msg: TelegramBot.Message) => {
      const note = await bot.sendMessage(msg.chat.id, "This message self-destructs.");
      await bot.deleteMessage(msg.chat.id, note.message_id);
      await bot.deleteMessage(msg.chat.id, msg.message_id);
    }),
  );

  bot.on(
    "message",
    guard(async (msg: TelegramBot.Message) => {
      const text = msg.text;
      if (!text || text.startsWith("/")) return;
      const chatId = msg.chat.id;
      if (text === "🍕 Order") {
        await bot.sendMessage(chatId, "What would you like?", {
          reply_markup: { inline_keyboard: [[{ text: "🍕 Pizza", callback_data: "pick:pizza" }, { text: "🍣 Sushi", callback_data: "pick:sushi" }]] },
        });
        await bot.setMessageReaction(chatId, msg.message_id, { reaction: [{ type: "emoji", emoji: "👍" }] } as never);
      } else if (text === "🗳 Vote") {
        const sent = await bot.sendPoll(chatId, "Which topping next week?", TOPPINGS, { is_anonymous: false });
        polls.set(sent.poll!.id, { chatId, messageId: sent.message_id });
      } else if (text === "📷 Photo") {
        const sent = await bot.sendPhoto(chatId, opts.picture, { caption: "Today's special" }, { filename: "special.png", contentType: "image/png" });
        specialPhoto = sent.photo!.at(-1)!.file_id;
      } else if (text === "ℹ️ About") {
        const me = await bot.getMe();
        await bot.sendMessage(chatId, `I am @${me.username}, bot number ${me.id}.`);
      } else if (!BUTTONS.has(text)) {
        // Echo, keeping the sender's formatting: their entities move right by the prefix.
        const prefix = "You said: ";
        const entities: TelegramBot.MessageEntity[] = [
          { type: "bold", offset: 0, length: prefix.length - 1 },
          ...(msg.entities ?? []).map((e) => ({ ...e, offset: e.offset + prefix.length })),
        ];
        await bot.sendMessage(chatId, prefix + text, { entities } as TelegramBot.SendMessageOptions);
      }
    }),
  );

  bot.on(
    "poll_answer",
    guard(async (answer: TelegramBot.PollAnswer) => {
      const poll = polls.get(answer.poll_id);
      if (!poll) return;
      polls.delete(answer.poll_id);
      const picked = answer.option_ids.map((i) => TOPPINGS[i]).join(", ");
      await bot.sendMessage(poll.chatId, `Thanks, ${answer.user.first_name}! You voted for ${picked}.`);
      await bot.stopPoll(poll.chatId, poll.messageId);
    }),
  );

  bot.on(
    "message_reaction",
    guard(async (update: { chat: TelegramBot.Chat; user?: TelegramBot.User; new_reaction: { type: string; emoji?: string }[] }) => {
      const emoji = update.new_reaction.map((r) => r.emoji).join("");
      if (emoji) await bot.sendMessage(update.chat.id, `Thanks for the ${emoji}, ${update.user?.first_name}!`);
    }) as never,
  );

  bot.on(
    "inline_query",
    guard(async (query: TelegramBot.InlineQuery) => {
      const wanted = query.query.trim().toLowerCase();
      const results: TelegramBot.InlineQueryResult[] = DISHES.filter((d) => d.title.toLowerCase().includes(wanted)).map((d) => ({
        type: "article",
        id: d.id,
        title: d.title,
        description: `${d.price} €`,
        input_message_content: { message_text: `🍕 ${d.title}: ${d.price} €` },
      }));
      if (specialPhoto) results.push({ type: "photo", id: "special", photo_file_id: specialPhoto, caption: "Today's special" } as TelegramBot.InlineQueryResult);
      await bot.answerInlineQuery(query.id, results, { cache_time: 0 });
    }),
  );

  bot.on("chosen_inline_result", (chosen) => opts.report({ kind: "chosen", detail: { resultId: chosen.result_id, query: chosen.query } }));

  bot.on(
    "location",
    guard(async (msg: TelegramBot.Message) => {
      const { latitude, longitude } = msg.location!;
      await bot.forwardMessage(opts.ownerChatId, msg.chat.id, msg.message_id);
      await bot.sendMessage(msg.chat.id, `Delivering to ${latitude.toFixed(4)}, ${longitude.toFixed(4)}. Or visit us:`);
      await bot.sendLocation(msg.chat.id, SHOP.latitude, SHOP.longitude);
      await bot.sendContact(msg.chat.id, SHOP.phone, SHOP.name);
    }),
  );

  bot.on(
    "photo",
    guard(async (msg: TelegramBot.Message) => {
      const biggest = msg.photo!.at(-1)!;
      const path = await bot.downloadFile(biggest.file_id, opts.downloads);
      const bytes = await readFile(path);
      const digest = createHash("sha256").update(bytes).digest("hex");
      opts.report({ kind: "downloaded", detail: { path, size: bytes.length, sha256: digest } });
      await bot.sendMessage(msg.chat.id, `Got your photo: ${bytes.length} bytes, sha256 ${digest.slice(0, 16)}`, {
        reply_to_message_id: msg.message_id,
      } as TelegramBot.SendMessageOptions);
      await bot.copyMessage(opts.ownerChatId, msg.chat.id, msg.message_id, { caption: "From a customer" });
    }),
  );

  bot.on(
    "callback_query",
    guard(async (query: TelegramBot.CallbackQuery) => {
      const pick = query.data?.startsWith("pick:") ? query.data.slice(5) : null;
      if (!pick || !query.message) return void (await bot.answerCallbackQuery(query.id));
      await bot.answerCallbackQuery(query.id, { text: `You picked ${pick}` });
      await bot.editMessageText(`Order placed: ${pick} 🎉`, { chat_id: query.message.chat.id, message_id: query.message.message_id });
      await bot.pinChatMessage(query.message.chat.id, query.message.message_id);
    }),
  );

  bot.on("polling_error", (err) => opts.report({ kind: "error", detail: { polling: err.message } }));
  bot.on("webhook_error", (err) => opts.report({ kind: "error", detail: { webhook: err.message } }));
  return bot;
}
