// Pinned messages (pins): who may pin is decided in pin-rules.ts. A pin leaves the service
// message Telegram leaves ("X pinned ..."), which travels like any message (bots receive it as
// pinned_message); pinning and unpinning change the message's `pinned` for every member live.
import { ok, refuse, type Result } from "../platform/result.ts";
import type { ChatReason } from "../protocol/errors.ts";
import type { Sender } from "../protocol/messages.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog, NewMessage } from "./log.ts";
import type { ChatMembers } from "./members.ts";
import type { MessageViews } from "./message-views.ts";
import { canPin, isPinnable, unpinTarget } from "./pin-rules.ts";

type Act<T> = Promise<Result<T, ChatReason>>;

/** The pins table. A deleted message is no longer pinned: its row goes with it (and reads skip any left from before). */
export class PinRows {
  constructor(private readonly sql: SqlStorage) {}

  /** The pinned messages, the latest pinned first. */
  ids(): number[] {
    return this.sql
      .exec<{ message_id: number }>(
        "SELECT p.message_id FROM pins p JOIN messages m ON m.id = p.message_id AND m.deleted = 0 ORDER BY p.pinned_at DESC, p.message_id DESC",
      )
      .toArray()
      .map((r) => r.message_id);
  }

  isPinned(messageId: number): boolean {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM pins WHERE message_id = ?", messageId).one().n > 0;
  }

  add(messageId: number, at: number): void {
    this.sql.exec("INSERT OR REPLACE INTO pins VALUES (?, ?)", messageId, at);
  }

  remove(messageIds: number[]): void {
    for (const id of messageIds) this.sql.exec("DELETE FROM pins WHERE message_id = ?", id);
  }
}

export class Pins {
  constructor(
    private readonly rows: PinRows,
    private readonly log: ChatLog,
    private readonly members: ChatMembers,
    private readonly identity: ChatIdentity,
    private readonly views: MessageViews,
    /** How the service message is posted: checked as any post of the actor's (a blocked bot cannot pin), then stored and sent out. */
    private readonly poster: { refusal(from: Sender): Promise<ChatReason | null>; post(from: Sender, input: NewMessage): Promise<void> },
  ) {}

  /**
   * Pins a message; pinning it again changes nothing. (Telegram's disable_notification has
   * nothing to silence here: the service message is posted either way, as Telegram posts it.)
   */
  async pin(actorId: number, messageId: number, at: number): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    const m = this.log.message(messageId);
    if (!m) return refuse("message_not_found");
    if (!canPin(this.identity.type(), actor.role)) return refuse("forbidden");
    if (!isPinnable(m)) return refuse("not_pinnable");
    const refusal = await this.poster.refusal(actor);
    if (refusal) return refuse(refusal);
    if (this.rows.isPinned(messageId)) return ok(null); // read after the wait: two pins at once leave one notice
    this.rows.add(messageId, at);
    await this.views.changed([messageId]);
    // The notice names the message; it is read when shown, so a later edit or deletion shows there too.
    await this.poster.post(actor, { text: "", pinnedMessageId: m.id });
    return ok(null);
  }

  /** Unpins `messageId`, or with none the latest pinned message. */
  async unpin(actorId: number, messageId?: number): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (!canPin(this.identity.type(), actor.role)) return refuse("forbidden");
    const target = unpinTarget(this.rows.ids(), messageId);
    if (target === null) return refuse(messageId === undefined || this.log.message(messageId) ? "not_pinned" : "message_not_found");
    this.rows.remove([target]);
    await this.views.changed([target]);
    return ok(null);
  }

  async unpinAll(actorId: number): Act<null> {
    const actor = this.members.get(actorId);
    if (!actor) return refuse("not_member");
    if (!canPin(this.identity.type(), actor.role)) return refuse("forbidden");
    const ids = this.rows.ids();
    this.rows.remove(ids);
    await this.views.changed(ids);
    return ok(null);
  }
}
