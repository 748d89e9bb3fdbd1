// The chat's head in D1, for the chat list: the latest message and read cursors, written
// after each fan-out batch and after an edit or deletion of the latest message.
import type { Env } from "../env.ts";
import { open } from "../platform/d1.ts";
import type { StoredMessage } from "../protocol/messages.ts";
import { writeHead } from "./chat-index.ts";
import type { ChatIdentity } from "./identity.ts";
import type { ChatLog } from "./log.ts";
import type { ChatMembers } from "./members.ts";

export class ChatHead {
  constructor(
    private readonly env: Env,
    private readonly identity: ChatIdentity,
    private readonly members: ChatMembers,
    private readonly log: ChatLog,
  ) {}

  /** The chat list's head after a fan-out batch: the latest message, and its senders' read cursors. */
  async moved(batch: StoredMessage[]): Promise<void> {
    const cursors = new Map<number, number>();
    for (const m of batch) cursors.set(m.from.id, Math.max(cursors.get(m.from.id) ?? 0, m.id));
    await this.write(cursors);
  }

  /**
   * Writes the chat list's head. The first time, every member's read cursor goes with it: a
   * chat made before heads were kept has none in D1, and its list would count all as unread.
   */
  async write(cursors = new Map<number, number>()): Promise<void> {
    const first = !this.identity.headsMirrored();
    if (first) for (const m of this.members.all()) cursors.set(m.id, Math.max(cursors.get(m.id) ?? 0, m.readId));
    await writeHead(open(this.env.DB), this.identity.key()!, this.log.lastId(), this.log.latest(), cursors);
    if (first) this.identity.markHeadsMirrored();
  }
}
