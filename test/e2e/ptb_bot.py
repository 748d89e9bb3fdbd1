"""The shop bot written for Telegram with python-telegram-bot 13, as its users write one.

The only Switchboard-specific thing is the API root its creator passes to Updater (base_url
and base_file_url). It answers exactly as test/e2e/ntba-bot.ts does, so one scenario
(test/e2e/shop-scenario.ts) drives both. The test starts it with:

  BOT_TOKEN, API_ROOT, MODE (polling | webhook), WEBHOOK_PORT, PICTURE, OWNER_CHAT_ID

and reads the JSON lines it prints ("ready", "downloaded", "chosen", "error", "stopped"); a line "stop"
on stdin shuts it down.
"""
import hashlib
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")  # Debian's build warns that it uses the system urllib3

from telegram import (
    BotCommand,
    ChatAction,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultCachedPhoto,
    InputMediaPhoto,
    InputTextMessageContent,
    MessageEntity,
    ReplyKeyboardMarkup,
)
from telegram.ext import (
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    Filters,
    InlineQueryHandler,
    MessageHandler,
    PollAnswerHandler,
    Updater,
)

TOKEN = os.environ["BOT_TOKEN"]
API_ROOT = os.environ["API_ROOT"]
MODE = os.environ.get("MODE", "polling")
PICTURE = os.environ["PICTURE"]
OWNER_CHAT_ID = int(os.environ["OWNER_CHAT_ID"])  # where orders and customers' photos go

MENU = ReplyKeyboardMarkup([["🍕 Order", "📷 Photo"], ["🗳 Vote", "ℹ️ About"]], resize_keyboard=True)
TOPPINGS = ["Mushrooms", "Olives", "Pineapple"]
SHOP = {"latitude": 52.5145, "longitude": 13.3501, "phone": "+49 30 1234567", "name": "Pizza Shop"}
DISHES = [
    {"id": "margherita", "title": "Pizza Margherita", "price": 9},
    {"id": "hawaii", "title": "Pineapple pizza", "price": 11},
    {"id": "sushi", "title": "Sushi box", "price": 14},
]
COMMANDS = [
    BotCommand("start", "Start over"),
    BotCommand("gallery", "Our dishes in pictures"),
    BotCommand("whoami", "Who am I here?"),
    BotCommand("secret", "A message that deletes itself"),
]
# Telegram's defaults, and the update a bot must ask for to hear which inline result was chosen.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "poll_answer", "inline_query", "chosen_inline_result"]


def say(event, **data):
    print(json.dumps({"event": event, **data}), flush=True)


def start(update, context):
    chat = update.effective_chat
    context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    came = f' (you came from "{context.args[0]}")' if context.args else ""
    update.message.reply_text(f"Welcome, {update.effective_user.first_name}{came}! Pick something below.", reply_markup=MENU)


def secret(update, context):
    note = update.message.reply_text("This message self-destructs.")
    note.delete()
    update.message.delete()


def gallery(update, context):
    dessert = os.path.join(os.path.dirname(PICTURE), "dessert.png")
    with open(PICTURE, "rb") as special, open(dessert, "rb") as sweet:
        update.message.reply_media_group([InputMediaPhoto(special, caption="Today's special"), InputMediaPhoto(sweet, caption="Dessert")])


def whoami(update, context):
    member = context.bot.get_chat_member(update.effective_chat.id, update.effective_user.id)
    name = context.bot.get_me().first_name
    update.message.reply_text(f"{member.user.first_name}, you are a {member.status} of this chat with {name}.")


def order(update, context):
    buttons = [[InlineKeyboardButton("🍕 Pizza", callback_data="pick:pizza"), InlineKeyboardButton("🍣 Sushi", callback_data="pick:sushi")]]
    update.message.reply_text("What would you like?", reply_markup=InlineKeyboardMarkup(buttons))


def vote(update, context):
    sent = update.message.reply_poll("Which topping next week?", TOPPINGS, is_anonymous=False)
    context.bot_data.setdefault("polls", {})[sent.poll.id] = (sent.chat_id, sent.message_id)


def poll_answer(update, context):
    answer = update.poll_answer
    where = context.bot_data.get("polls", {}).pop(answer.poll_id, None)
    if where is None:
        return
    chat_id, message_id = where
    picked = ", ".join(TOPPINGS[i] for i in answer.option_ids)
    context.bot.send_message(chat_id, f"Thanks, {answer.user.first_name}! You voted for {picked}.")
    context.bot.stop_poll(chat_id, message_id)


def location(update, context):
    message = update.message
    message.forward(OWNER_CHAT_ID)
    message.reply_text(f"Delivering to {message.location.latitude:.4f}, {message.location.longitude:.4f}. Or visit us:")
    message.reply_location(latitude=SHOP["latitude"], longitude=SHOP["longitude"])
    message.reply_contact(phone_number=SHOP["phone"], first_name=SHOP["name"])


def photo(update, context):
    with open(PICTURE, "rb") as picture:
        sent = update.message.reply_photo(picture, caption="Today's special", filename="special.png")
    context.bot_data["special_photo"] = sent.photo[-1].file_id


def inline_query(update, context):
    wanted = update.inline_query.query.strip().lower()
    results = [
        InlineQueryResultArticle(d["id"], d["title"], InputTextMessageContent(f"🍕 {d['title']}: {d['price']} €"), description=f"{d['price']} €")
        for d in DISHES
        if wanted in d["title"].lower()
    ]
    if "special_photo" in context.bot_data:
        results.append(InlineQueryResultCachedPhoto("special", context.bot_data["special_photo"], caption="Today's special"))
    update.inline_query.answer(results, cache_time=0)


def chosen_inline_result(update, context):
    chosen = update.chosen_inline_result
    say("chosen", result_id=chosen.result_id, query=chosen.query)


def about(update, context):
    me = context.bot.get_me()
    update.message.reply_text(f"I am @{me.username}, bot number {me.id}.")


def echo(update, context):
    """Echoes the text, keeping the sender's formatting: their entities move right by the prefix."""
    message = update.message
    prefix = "You said: "
    entities = [MessageEntity(MessageEntity.BOLD, 0, len(prefix) - 1)]
    for e in message.entities:
        entities.append(MessageEntity(e.type, e.offset + len(prefix), e.length, url=e.url, user=e.user, language=e.language))
    message.reply_text(prefix + message.text, entities=entities)


def got_photo(update, context):
    file = update.message.photo[-1].get_file()
    data = bytes(file.download_as_bytearray())
    digest = hashlib.sha256(data).hexdigest()
    say("downloaded", size=len(data), sha256=digest)
    update.message.reply_text(f"Got your photo: {len(data)} bytes, sha256 {digest[:16]}", quote=True)
    update.message.copy(OWNER_CHAT_ID, caption="From a customer")


def picked(update, context):
    query = update.callback_query
    pick = query.data.split(":", 1)[1]
    query.answer(text=f"You picked {pick}")
    query.edit_message_text(f"Order placed: {pick} 🎉")
    query.message.pin()


def failed(update, context):
    say("error", message=f"{type(context.error).__name__}: {context.error}")


def main():
    updater = Updater(TOKEN, base_url=f"{API_ROOT}/bot", base_file_url=f"{API_ROOT}/file/bot", use_context=True)
    dispatcher = updater.dispatcher
    dispatcher.add_handler(CommandHandler("start", start))
    dispatcher.add_handler(CommandHandler("secret", secret))
    dispatcher.add_handler(CommandHandler("gallery", gallery))
    dispatcher.add_handler(CommandHandler("whoami", whoami))
    dispatcher.add_handler(MessageHandler(Filters.regex("^🍕 Order$"), order))
    dispatcher.add_handler(MessageHandler(Filters.regex("^📷 Photo$"), photo))
    dispatcher.add_handler(MessageHandler(Filters.regex("^🗳 Vote$"), vote))
    dispatcher.add_handler(MessageHandler(Filters.regex("^ℹ️ About$"), about))
    dispatcher.add_handler(MessageHandler(Filters.location, location))
    dispatcher.add_handler(PollAnswerHandler(poll_answer))
    dispatcher.add_handler(InlineQueryHandler(inline_query))
    dispatcher.add_handler(ChosenInlineResultHandler(chosen_inline_result))
    dispatcher.add_handler(MessageHandler(Filters.photo, got_photo))
    dispatcher.add_handler(MessageHandler(Filters.text & ~Filters.command, echo))
    dispatcher.add_handler(CallbackQueryHandler(picked, pattern=r"^pick:"))
    dispatcher.add_error_handler(failed)

    updater.bot.set_my_commands(COMMANDS)  # at launch: the commands people see in the composer
    if MODE == "webhook":
        port = int(os.environ["WEBHOOK_PORT"])
        updater.start_webhook(listen="127.0.0.1", port=port, url_path=TOKEN, webhook_url=f"http://127.0.0.1:{port}/{TOKEN}", allowed_updates=ALLOWED_UPDATES)
    else:
        updater.start_polling(poll_interval=0.1, timeout=10, allowed_updates=ALLOWED_UPDATES)
    say("ready", mode=MODE, username=updater.bot.username, id=updater.bot.id)

    for line in sys.stdin:
        if line.strip() == "stop":
            break
    updater.stop()
    say("stopped")


if __name__ == "__main__":
    main()
