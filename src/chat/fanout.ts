// Sends each member its own view of events: people through their UserActor, bots through
// their BotActor as Bot API events. A member that cannot be reached is reported back, never
// allowed to fail the others.
import type { Env } from "../env.ts";
import type { BotEvent } from "../bots/events.ts";
import type { BotChat } from "../bots/wire.ts";
import type { ClientEvent } from "../protocol/events.ts";
import { toBotEvent } from "./bot-bridge.ts";
import type { ChatMembers } from "./members.ts";

export class Fanout {
  constructor(
    private readonly env: Env,
    private readonly members: ChatMembers,
    private readonly botView: (botId: number) => BotChat,
  ) {}

  /** Returns the members it could not reach. */
  async send(userIds: number[], eventsFor: (userId: number) => ClientEvent | ClientEvent[]): Promise<number[]> {
    const bots = this.members.botIds();
    const results = await Promise.allSettled(
      userIds.map(async (uid) => {
        const events = [eventsFor(uid)].flat();
        if (!bots.has(uid)) {
          const reached = await this.env.USERS.getByName(String(uid)).deliver(events);
          // Nobody there after all (a close this chat did not hear of): no more live events until they connect.
          if (reached.sockets === 0) this.members.setPresence(uid, false, reached.at);
          // Someone who joins while connected gets this chat's live events from now on.
          else if (events.some((e) => e.type === "chat_joined")) this.members.setPresence(uid, true, reached.at);
          return;
        }
        const chat = this.botView(uid);
        const forBot = events.map((e) => toBotEvent(uid, e, chat, (id) => this.members.get(id))).filter((e) => e !== null);
        if (forBot.length) await this.env.BOTS.getByName(String(uid)).receive(forBot);
      }),
    );
    const failed: number[] = [];
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      failed.push(userIds[i]!);
      console.error("fan-out failed", userIds[i], r.reason);
    });
    return failed;
  }

  /** Tells one bot something only it needs to know (its standing, a button press). */
  async tellBot(botId: number, event: BotEvent): Promise<void> {
    await this.env.BOTS.getByName(String(botId)).receive([event]);
  }
}
