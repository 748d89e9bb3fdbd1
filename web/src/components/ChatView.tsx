import { useState } from "preact/hooks";
import { session, type AppState } from "../state/session.ts";
import type { ChatSummary, User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";
import { Composer } from "./Composer.tsx";
import { Icon } from "./Icon.tsx";
import { MessageList } from "./MessageList.tsx";

export function ChatView({ chatId, summary, state, me }: { chatId: number; summary: ChatSummary | undefined; state: AppState; me: User }) {
  const [viewing, setViewing] = useState<string | null>(null);
  const details = state.details[chatId];
  const title = summary?.title ?? details?.title ?? "";
  const isGroup = (summary?.type ?? details?.type) === "group" || chatId < 0;
  const typists = (state.typing[chatId] ?? []).map((t) => details?.members.find((m) => m.id === t.userId)?.displayName.split(" ")[0] ?? t.handle);

  const peer = !isGroup ? details?.members.find((m) => m.id !== me.id) : undefined;
  let subtitle = "";
  if (typists.length) subtitle = isGroup ? `${typists.join(", ")} ${typists.length > 1 ? "are" : "is"} typing…` : "typing…";
  else if (isGroup && details) subtitle = `${details.members.length} members`;
  else if (peer) subtitle = `@${peer.handle}`;

  // Members other than me: their read cursors decide ✓ or ✓✓ on my messages.
  const reads = state.reads[chatId] ?? {};
  let othersRead = 0;
  for (const [uid, readId] of Object.entries(reads)) if (Number(uid) !== me.id) othersRead = Math.max(othersRead, readId);

  return (
    <div class="chat" data-testid="chat-view" data-chat-id={chatId}>
      <header class="chat-header">
        <button class="icon-btn back-btn" aria-label="Back to chats" data-testid="back-button" onClick={() => session.openChat(null)}>
          <Icon name="back" />
        </button>
        <Avatar id={chatId} name={title || "?"} size={38} group={isGroup} />
        <div class="chat-header-text">
          <h2 data-testid="chat-title">{title}</h2>
          <span class={typists.length ? "subtitle typing-text" : "subtitle"} data-testid={typists.length ? "typing-indicator" : undefined}>
            {subtitle}
          </span>
        </div>
      </header>
      <MessageList
        chatId={chatId}
        history={state.history[chatId]}
        pending={state.pending.filter((p) => p.chatId === chatId)}
        me={me}
        isGroup={isGroup}
        othersRead={othersRead}
        onView={setViewing}
      />
      <Composer chatId={chatId} />
      {viewing && (
        <div class="lightbox" data-testid="lightbox" onClick={() => setViewing(null)}>
          <img src={viewing} alt="" />
          <button class="icon-btn lightbox-close" aria-label="Close">
            <Icon name="close" />
          </button>
        </div>
      )}
    </div>
  );
}
