// Callback queries: a press on a button gets an id the bot answers with answerCallbackQuery
// (once; the answer reaches the person who pressed), and the opaque ids that name the press's
// chat and, under a message sent via the bot, its message (opaque-ids.ts).
import type { Env } from "../env.ts";
import { chatIdFor } from "../chat/chat-ids.ts";
import { ok, refuse } from "../platform/result.ts";
import type { BotEvent } from "./events.ts";
import { chatInstance, inlineMessageId } from "./opaque-ids.ts";
import type { BotResult } from "./reasons.ts";
import type { BotSettings } from "./settings.ts";
import type { CallbackIds } from "./to-update.ts";
import type { Audience } from "./updates.ts";

type Press = Extract<BotEvent, { type: "callback_query" | "inline_callback_query" }>;

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
}

export class Callbacks {
  constructor(
    private readonly env: Env,
    private readonly settings: BotSettings,
    private readonly audience: Audience,
  ) {}

  /** Keeps a press to be answered, and gives its ids. */
  async record(e: Press, now: number): Promise<CallbackIds> {
    const callbackId = crypto.randomUUID().replaceAll("-", "");
    const [chatKey, messageId] = e.type === "callback_query" ? [e.chat.key, e.message.id] : [e.chatKey, e.messageId];
    this.audience.saveCallback(callbackId, e.by.id, chatKey, messageId, now);
    const key = this.settings.opaqueKey();
    const ids: CallbackIds = { callbackId, chatInstance: await chatInstance(key, chatKey) };
    if (e.type === "inline_callback_query") ids.inlineMessageId = await inlineMessageId(key, chatKey, messageId);
    return ids;
  }

  /** answerCallbackQuery: the answer goes to the person who pressed, once. */
  async answer(p: CallbackAnswer): Promise<BotResult<true>> {
    const q = this.audience.takeCallback(p.callback_query_id);
    if (!q) return refuse("query_too_old");
    await this.env.USERS.getByName(String(q.userId)).deliver([
      {
        type: "callback_answer",
        chatId: chatIdFor(q.userId, q.chatKey),
        messageId: q.messageId,
        callbackQueryId: p.callback_query_id,
        ...(p.text ? { text: p.text } : {}),
        ...(p.show_alert ? { showAlert: true } : {}),
        ...(p.url ? { url: p.url } : {}),
      },
    ]);
    return ok(true);
  }
}
