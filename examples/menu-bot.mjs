// A grammY bot, written as for Telegram, pointed at Switchboard by one option: the API root.
//
//   SWITCHBOARD_BOT_TOKEN=<token> npm run example:bot
//
// It answers /start with a menu of inline buttons, edits the menu when a button is pressed,
// sends a photo back when sent one, and echoes any other text.
import { Bot, InlineKeyboard } from "grammy";

const menu = new InlineKeyboard().text("🍕 Pizza", "pick:pizza").text("🍣 Sushi", "pick:sushi").row().url("Our menu online", "https://example.com/menu");

export function createMenuBot(token, apiRoot = "http://localhost:8787") {
  const bot = new Bot(token, { client: { apiRoot } }); // the one line that points grammY at Switchboard

  bot.command("start", async (ctx) => {
    const payload = ctx.match ? ` (you came from "${ctx.match}")` : "";
    await ctx.reply(`Hello ${ctx.from.first_name}${payload}! What would you like?`, { reply_markup: menu });
  });

  bot.command("menu", (ctx) => ctx.reply("<b>Menu</b>: pick one", { parse_mode: "HTML", reply_markup: menu }));

  bot.callbackQuery(/^pick:(.+)$/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: `You picked ${ctx.match[1]}` });
    await ctx.editMessageText(`Order placed: ${ctx.match[1]} 🎉`);
  });

  bot.on("message:photo", async (ctx) => {
    const photo = ctx.message.photo.at(-1);
    await ctx.replyWithPhoto(photo.file_id, { caption: "Nice picture! Here it is back." });
  });

  bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));

  return bot;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const token = process.env.SWITCHBOARD_BOT_TOKEN;
  if (!token) {
    console.error("Set SWITCHBOARD_BOT_TOKEN to the token shown when you created the bot (web app: Developer).");
    process.exit(1);
  }
  const bot = createMenuBot(token, process.env.SWITCHBOARD_API ?? "http://localhost:8787");
  await bot.api.setMyCommands([
    { command: "start", description: "Start over" },
    { command: "menu", description: "Show the menu" },
  ]);
  bot.start({ onStart: (me) => console.log(`@${me.username} is running on Switchboard (long polling). Ctrl+C stops it.`) });
}
