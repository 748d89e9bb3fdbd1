// A customer profile as the client API and the stream carry it (ARCHITECTURE.md 4.2). The
// web app imports these types.

export type FieldSource = "staff" | "extracted" | "account";

/**
 * Where an extracted value came from: the chat (as the reader sees it), the message, the words
 * around it. In a private chat of the customer with a colleague, `chatId` is null and
 * `staffId` names the colleague.
 */
export interface FieldEvidence {
  chatId: number | null;
  staffId?: number;
  messageId: number;
  excerpt: string;
}

export interface FieldHistoryEntry {
  value: string | null;
  source: FieldSource;
  confidence: number;
  updatedAt: number;
  evidence?: FieldEvidence;
  updatedBy?: number;
}

export interface ProfileField extends Omit<FieldHistoryEntry, "value"> {
  value: string | string[] | null;
  /** Earlier and losing values, newest first. */
  history: FieldHistoryEntry[];
}

export interface ProfileStaff {
  id: number;
  handle: string;
  displayName: string;
  closeness: number;
  rank: number;
  signals: {
    friend: boolean;
    sharedGroups: number;
    groupWeight: number;
    sent: number;
    received: number;
    lastMessageAt: number | null;
    recency: number;
    replies: number;
    replyRate: number;
  };
}

export type ProfileEventType =
  | "befriended"
  | "unfriended"
  | "blocked"
  | "unblocked"
  | "read"
  | "replied"
  | "joined_group"
  | "left_group"
  | "clicked_link";

/** One step of the customer's timeline toward staff, newest first in a profile. */
export interface ProfileEvent {
  type: ProfileEventType;
  at: number;
  staffId?: number;
  chatId?: number;
  /** For group events: the group's title. */
  title?: string;
}

export interface Profile {
  workspaceId: number;
  userId: number;
  handle: string;
  displayName: string;
  fields: Record<string, ProfileField>;
  tags: string[];
  staff: ProfileStaff[];
  events: ProfileEvent[];
}

/** What a customer sees of a workspace's profile on them (`GET /api/v1/me/profiles`). */
export interface HeldProfile {
  workspace: { id: number; name: string };
  fields: Record<string, ProfileField>;
  tags: string[];
  events: number;
}
