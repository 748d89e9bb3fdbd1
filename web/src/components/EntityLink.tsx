// A detected entity as something to click: a link opens in a new tab (only safe targets,
// see entity-links.ts); a mention opens the chat with that member; a command is sent; a tag
// is copied.
import type { ComponentChildren } from "preact";
import { entityAction, type EntityAction } from "../entity-links.ts";
import { session } from "../state/session.ts";
import type { MessageEntity } from "../types.ts";

export function EntityLink({ entity, covered, chatId, children }: { entity: MessageEntity; covered: string; chatId?: number; children: ComponentChildren }) {
  const action = entityAction(entity, covered);
  if (!action) return <span>{children}</span>;
  if (action.kind === "link") {
    const web = /^https?:/i.test(action.href);
    return (
      <a class={`entity ${entity.type}`} href={action.href} target={web ? "_blank" : undefined} rel="noopener noreferrer" data-testid="entity-link" data-entity={entity.type}>
        {children}
      </a>
    );
  }
  return (
    <a
      class={`entity ${entity.type}`}
      href="#"
      role="button"
      data-testid="entity-link"
      data-entity={entity.type}
      onClick={(ev) => {
        ev.preventDefault();
        void act(action, chatId);
      }}
    >
      {children}
    </a>
  );
}

async function act(action: Exclude<EntityAction, { kind: "link" }>, chatId: number | undefined) {
  try {
    switch (action.kind) {
      case "command":
        if (chatId !== undefined) session.sendText(chatId, action.command);
        return;
      case "tag":
        await navigator.clipboard?.writeText(action.tag).catch(() => {});
        session.notify(`Copied ${action.tag}`);
        return;
      case "mention":
      case "user":
        return await openMember(action, chatId);
    }
  } catch {
    session.notify("That chat cannot be opened");
  }
}

/** The mentioned member's chat: a bot's (starting it if need be) or a person's private chat. */
async function openMember(action: { kind: "mention"; handle: string } | { kind: "user"; userId: number }, chatId: number | undefined) {
  const members = chatId !== undefined ? (session.state.details[chatId]?.members ?? []) : [];
  const member = action.kind === "user" ? members.find((m) => m.id === action.userId) : members.find((m) => m.handle.toLowerCase() === action.handle.toLowerCase());
  const name = action.kind === "mention" ? `@${action.handle}` : "That user";
  if (member?.id === session.state.me?.id) return;
  if (member?.isBot || (!member && action.kind === "mention" && /bot$/i.test(action.handle))) {
    const handle = member?.handle ?? (action as { handle: string }).handle;
    if (member && session.state.chats.some((c) => c.id === member.id)) session.openChat(member.id);
    else await session.startBot(handle);
    return;
  }
  if (!member) {
    session.notify(`${name} is not a member of this chat`);
    return;
  }
  await session.messageFriend(member.id);
}
