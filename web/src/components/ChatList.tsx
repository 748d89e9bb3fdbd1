import { listTime, preview } from "../format.ts";
import { useSelect } from "../state/hooks.ts";
import { session } from "../state/session.ts";
import type { ChatListItem, User } from "../types.ts";
import { Avatar } from "./Avatar.tsx";

export function ChatList({ me }: { me: User }) {
  const chatsLoaded = useSelect((s) => s.chatsLoaded);
  const chats = useSelect((s) => s.chats);
  const openChatId = useSelect((s) => s.openChatId);
  if (!chatsLoaded) return <div class="list-empty">Loading chats…</div>;
  if (!chats.length)
    return (
      <div class="list-empty">
        No chats yet. Add a friend from the <strong>Friends</strong> panel to start talking.
      </div>
    );
  return (
    <nav class="chat-list" aria-label="Chats" data-testid="chat-list">
      {chats.map((c) => (
        <ChatItem key={c.id} chat={c} me={me} active={c.id === openChatId} />
      ))}
    </nav>
  );
}

function ChatItem({ chat, me, active }: { chat: ChatListItem; me: User; active: boolean }) {
  // Its own subscription: someone typing re-renders this item, not the list.
  const typing = useSelect((s) => (s.typing[chat.id]?.length ?? 0) > 0);
  const last = chat.lastMessage;
  const who = last && chat.type === "group" ? (last.from.id === me.id ? "You" : last.from.displayName.split(" ")[0]) : last && last.from.id === me.id ? "You" : null;
  return (
    <button class={`chat-item${active ? " active" : ""}`} data-testid={`chat-${chat.id}`} aria-current={active ? "true" : undefined} onClick={() => session.openChat(chat.id)}>
      <Avatar id={chat.id} name={chat.title} size={44} group={chat.type === "group"} />
      <span class="chat-item-body">
        <span class="chat-item-top">
          <span class="chat-item-title">{chat.title}</span>
          {last && <time class="chat-item-time">{listTime(last.date)}</time>}
        </span>
        <span class="chat-item-bottom">
          <span class="chat-item-preview">
            {typing ? (
              <em class="typing-text">typing…</em>
            ) : last ? (
              <>
                {who && !last.pinnedMessage && <span class="preview-who">{who}: </span>}
                {preview(last)}
              </>
            ) : (
              <em>No messages yet</em>
            )}
          </span>
          {chat.unread > 0 && (
            <span class="badge" data-testid="unread-badge" aria-label={`${chat.unread} unread`}>
              {chat.unread > 99 ? "99+" : chat.unread}
            </span>
          )}
        </span>
      </span>
    </button>
  );
}
