// The ids a bot is given for what it may not look inside: a callback's chat_instance (the chat
// its message is in) and an inline_message_id (a message sent via the bot, maybe in a private
// chat of two people the bot never met). Telegram's are opaque, so ours are too: an HMAC of
// the chat key (and message id) under a key each bot keeps to itself (settings.opaqueKey),
// so the same chat or message always gets the same id from one bot, two bots' ids cannot be
// matched, and nothing in them names the chat's people. Nothing maps them back: callbacks are
// answered by their own ids (updates.ts), not by these.
import { hmacSha256Hex, toBase64Url } from "../platform/crypto.ts";

/** Telegram's chat_instance is a signed 64-bit number's decimal text. */
export async function chatInstance(key: string, chatKey: string): Promise<string> {
  const mac = await hmacSha256Hex(key, `chat:${chatKey}`);
  return BigInt.asIntN(64, BigInt(`0x${mac.slice(0, 16)}`)).toString();
}

/** 24 base64url characters, as long as Telegram's shorter inline_message_ids. */
export async function inlineMessageId(key: string, chatKey: string, messageId: number): Promise<string> {
  const mac = await hmacSha256Hex(key, `message:${chatKey}/${messageId}`);
  return toBase64Url(Uint8Array.from(mac.slice(0, 36).match(/../g)!, (h) => parseInt(h, 16)));
}
