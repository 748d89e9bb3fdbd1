// What a chat is: its key (fixed at creation), its type and title, and whether its members
// have been told it exists. Kept in the actor's `meta` table.
import type { ChatType } from "../protocol/events.ts";
import { chatIdFor, parseChatKey, type ChatKey } from "./chat-ids.ts";

export class ChatIdentity {
  /** The key never changes once set, so it is read once per instance. */
  private cachedKey: ChatKey | null = null;

  constructor(private readonly sql: SqlStorage) {}

  create(key: ChatKey, type: ChatType, title: string): void {
    if (!parseChatKey(key)) throw new Error(`bad chat key ${key}`);
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES ('key', ?), ('type', ?), ('title', ?)", key, type, title);
  }

  /** Null for an object that was never created as a chat. */
  key(): ChatKey | null {
    this.cachedKey ??= this.value("key");
    return this.cachedKey;
  }

  type(): ChatType {
    return this.value("type") === "group" ? "group" : "private";
  }

  title(): string {
    return this.value("title") ?? "";
  }

  /** A private chat whose two people are no longer friends: it takes messages only while they share a group. */
  unfriended(): boolean {
    return this.value("unfriended") === "1";
  }

  setUnfriended(unfriended: boolean): void {
    if (unfriended) this.sql.exec("INSERT OR REPLACE INTO meta VALUES ('unfriended', '1')");
    else this.sql.exec("DELETE FROM meta WHERE k = 'unfriended'");
  }

  /** Whether the chat list's head in D1 has had every member's read cursor once. */
  headsMirrored(): boolean {
    return this.value("heads_mirrored") === "1";
  }

  markHeadsMirrored(): void {
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES ('heads_mirrored', '1')");
  }

  announced(): boolean {
    return this.value("announced") === "1";
  }

  markAnnounced(): void {
    this.sql.exec("INSERT OR REPLACE INTO meta VALUES ('announced', '1')");
  }

  /** The chat's id as `userId` names it. */
  idFor(userId: number): number {
    return chatIdFor(userId, this.key()!);
  }

  private value(k: string): string | null {
    return this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v ?? null;
  }
}
