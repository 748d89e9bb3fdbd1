import { useEffect, useState } from "preact/hooks";
import type { AppState } from "../state/session.ts";
import type { User } from "../types.ts";
import { BotDirectory } from "./BotDirectory.tsx";
import { ChatList } from "./ChatList.tsx";
import { ChatView } from "./ChatView.tsx";
import { DeveloperPanel } from "./DeveloperPanel.tsx";
import { FriendsPanel } from "./FriendsPanel.tsx";
import { NewGroupDialog } from "./NewGroupDialog.tsx";
import { Sidebar } from "./Sidebar.tsx";

export type Dialog = "friends" | "group" | "bots" | "developer" | null;

export function MainScreen({ state, me }: { state: AppState; me: User }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const unread = state.chats.reduce((n, c) => n + c.unread, 0);
  useEffect(() => {
    document.title = unread ? `(${unread}) Switchboard` : "Switchboard";
  }, [unread]);
  const open = state.openChatId !== null ? state.chats.find((c) => c.id === state.openChatId) : undefined;
  return (
    <div class={`layout${state.openChatId !== null ? " chat-open" : ""}`}>
      <Sidebar me={me} status={state.status} onDialog={setDialog}>
        <ChatList state={state} me={me} />
      </Sidebar>
      <section class="pane">
        {state.openChatId !== null ? (
          <ChatView key={state.openChatId} chatId={state.openChatId} summary={open} state={state} me={me} />
        ) : (
          <div class="empty-pane">
            <div class="brand-mark faded">S</div>
            <p>Select a chat to start messaging</p>
          </div>
        )}
      </section>
      {dialog === "friends" && <FriendsPanel onClose={() => setDialog(null)} />}
      {dialog === "group" && <NewGroupDialog onClose={() => setDialog(null)} />}
      {dialog === "bots" && <BotDirectory onClose={() => setDialog(null)} />}
      {dialog === "developer" && <DeveloperPanel onClose={() => setDialog(null)} />}
    </div>
  );
}
