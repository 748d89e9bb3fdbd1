import { useEffect, useState } from "preact/hooks";
import { useSelect } from "../state/hooks.ts";
import type { User } from "../types.ts";
import { BotDirectory } from "./BotDirectory.tsx";
import { ChatList } from "./ChatList.tsx";
import { ChatView } from "./ChatView.tsx";
import { DeveloperPanel } from "./DeveloperPanel.tsx";
import { FriendsPanel } from "./FriendsPanel.tsx";
import { InlineDialogs } from "./InlineResults.tsx";
import { NewGroupDialog } from "./NewGroupDialog.tsx";
import { Sidebar } from "./Sidebar.tsx";
import { AccountDialog } from "./AccountDialog.tsx";
import { ProfileAside } from "./ProfileAside.tsx";
import { WorkspacesPage } from "./WorkspacesPage.tsx";

export type Dialog = "friends" | "group" | "bots" | "developer" | "workspaces" | "account" | null;

export function MainScreen({ me }: { me: User }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const unread = useSelect((s) => s.chats.reduce((n, c) => n + c.unread, 0));
  const openChatId = useSelect((s) => s.openChatId);
  const status = useSelect((s) => s.status);
  useEffect(() => {
    document.title = unread ? `(${unread}) Switchboard` : "Switchboard";
  }, [unread]);
  return (
    <div class={`layout${openChatId !== null ? " chat-open" : ""}`}>
      <Sidebar me={me} status={status} onDialog={setDialog}>
        <ChatList me={me} />
      </Sidebar>
      <section class="pane">
        {openChatId !== null ? (
          <ChatView key={openChatId} chatId={openChatId} me={me} />
        ) : (
          <div class="empty-pane">
            <div class="brand-mark faded">S</div>
            <p>Select a chat to start messaging</p>
          </div>
        )}
      </section>
      {openChatId !== null && <ProfileAside key={openChatId} chatId={openChatId} me={me} />}
      {dialog === "friends" && <FriendsPanel onClose={() => setDialog(null)} />}
      {dialog === "group" && <NewGroupDialog onClose={() => setDialog(null)} />}
      {dialog === "bots" && <BotDirectory onClose={() => setDialog(null)} />}
      {dialog === "developer" && <DeveloperPanel onClose={() => setDialog(null)} />}
      {dialog === "workspaces" && <WorkspacesPage me={me} onClose={() => setDialog(null)} />}
      {dialog === "account" && <AccountDialog me={me} onClose={() => setDialog(null)} />}
      <InlineDialogs />
    </div>
  );
}
