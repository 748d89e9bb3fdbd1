// Which users a bot may learn of: as in Telegram, only those it has met. A user id is a
// sequential number, so answering for any id would list every account; a bot is answered
// only for itself, users with a private chat with it (blocked or not), and users in a group
// with it (D1's chat index). Anyone else is "user not found".
import { findUsers } from "../accounts/queries.ts";
import { privateChatKey } from "../chat/chat-ids.ts";
import { inIndex, shareGroup } from "../chat/chat-index.ts";
import type { Db } from "../platform/d1.ts";
import type { Sender } from "../protocol/messages.ts";

/** The account `userId` names, when bot `botId` has met it; else null. */
export async function metUser(db: Db, botId: number, userId: number): Promise<Sender | null> {
  const met = userId === botId || (await inIndex(db, userId, privateChatKey(botId, userId))) || (await shareGroup(db, botId, userId));
  return met ? ((await findUsers(db, [userId]))[0] ?? null) : null;
}
