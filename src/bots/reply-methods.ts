// Which methods a bot may call in its answer to a webhook delivery. Telegram executes such a
// call without telling the bot how it went, so it takes only methods that act: its Bot API
// server runs any method named in a webhook's answer except setWebhook, deleteWebhook, close,
// logOut and the get* methods (tdlib/telegram-bot-api, WebhookActor::handle). This is that rule
// written out as an allow-list of the methods that exist (Telegram's and Switchboard's), so a
// method added later stays out until someone decides it belongs. Pure.

const telegram = [
  // messages
  "sendMessage", "forwardMessage", "forwardMessages", "copyMessage", "copyMessages", "sendPhoto", "sendAudio",
  "sendDocument", "sendVideo", "sendAnimation", "sendVoice", "sendVideoNote", "sendPaidMedia", "sendMediaGroup",
  "sendLocation", "sendVenue", "sendContact", "sendPoll", "sendChecklist", "sendDice", "sendChatAction",
  "setMessageReaction", "sendSticker", "sendGame", "sendInvoice", "sendGift",
  // edits and deletions
  "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageLiveLocation", "stopMessageLiveLocation",
  "editMessageChecklist", "editMessageReplyMarkup", "stopPoll", "deleteMessage", "deleteMessages", "setGameScore",
  // chats and their members
  "banChatMember", "unbanChatMember", "restrictChatMember", "promoteChatMember", "setChatAdministratorCustomTitle",
  "banChatSenderChat", "unbanChatSenderChat", "setChatPermissions", "approveChatJoinRequest", "declineChatJoinRequest",
  "setChatPhoto", "deleteChatPhoto", "setChatTitle", "setChatDescription", "pinChatMessage", "unpinChatMessage",
  "unpinAllChatMessages", "leaveChat", "setChatStickerSet", "deleteChatStickerSet",
  // answers to what users did
  "answerCallbackQuery", "answerInlineQuery", "answerShippingQuery", "answerPreCheckoutQuery",
  // the bot's profile
  "setMyCommands", "deleteMyCommands", "setMyName", "setMyDescription", "setMyShortDescription", "setChatMenuButton",
  "setMyDefaultAdministratorRights",
] as const;

/** Switchboard's own methods that act (their get* companions stay out, as Telegram's do). */
const switchboard = ["scheduleMessage", "deleteScheduledMessage", "broadcastMessage"] as const;

const allowed = new Set<string>([...telegram, ...switchboard].map((m) => m.toLowerCase()));

/** Whether a webhook's answer may call `method` (any letter case, as method names are case-insensitive). */
export function runsInWebhookReply(method: string): boolean {
  return allowed.has(method.toLowerCase());
}

/** Telegram's own rule, which every name in the allow-list must pass. */
export function telegramRunsInWebhookReply(method: string): boolean {
  const m = method.toLowerCase();
  return m !== "" && m !== "setwebhook" && m !== "deletewebhook" && m !== "close" && m !== "logout" && !m.startsWith("get");
}

export const webhookReplyMethods: readonly string[] = [...telegram, ...switchboard];
