// Notifications as the client API carries them (ARCHITECTURE.md 4.3). The web app imports
// these types.

export type NotifyChannel = "in_app" | "official_account" | "sms" | "email";

/** GET /api/v1/me/channels: where I read, and the score each channel ranks by. */
export interface RankedChannel {
  channel: NotifyChannel;
  reads: number;
  firstReads: number;
  importance: number;
  rank: number;
  pinned: boolean;
}
export interface ChannelsView {
  established: boolean;
  sent: number;
  channels: RankedChannel[];
}

export interface QuietHoursView {
  start: string;
  end: string;
  timeZone: string;
}

/** GET /api/v1/bots/{username}/notification-stats, per channel. */
export interface ChannelStats {
  channel: NotifyChannel;
  sent: number;
  read: number;
  readWithinDeadline: number;
  fallbacks: number;
  failures: number;
  /** Seconds from send to read, the median over reads on this channel; null without reads. */
  medianTimeToReadS: number | null;
}
export interface NotificationStats {
  channels: ChannelStats[];
  deadLetters: { id: number; at: number; body: string }[];
}
