import { test } from "node:test";
import assert from "node:assert/strict";
import { runsInWebhookReply, telegramRunsInWebhookReply, webhookReplyMethods } from "./reply-methods.ts";

test("a webhook answer may send, edit, delete and answer callbacks, in any letter case", () => {
  for (const m of ["sendMessage", "editMessageText", "deleteMessage", "answerCallbackQuery", "sendPhoto", "banChatMember", "setMyCommands", "SENDMESSAGE"]) {
    assert.equal(runsInWebhookReply(m), true, m);
  }
});

test("a webhook answer may not poll, read, or change the webhook or the session", () => {
  for (const m of ["getUpdates", "getMe", "getFile", "getChat", "getChatMember", "getMyCommands", "setWebhook", "setWebHook", "deleteWebhook", "logOut", "close", "getWebhookInfo", "getScheduledMessages", "", "noSuchMethod"]) {
    assert.equal(runsInWebhookReply(m), false, m);
  }
});

test("every allowed method passes Telegram's own rule", () => {
  assert.ok(webhookReplyMethods.length > 50);
  for (const m of webhookReplyMethods) assert.equal(telegramRunsInWebhookReply(m), true, m);
  assert.equal(new Set(webhookReplyMethods.map((m) => m.toLowerCase())).size, webhookReplyMethods.length);
});
