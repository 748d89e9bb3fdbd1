import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { dayKey, dayLabel } from "../format.ts";
import { session, type History, type Pending } from "../state/session.ts";
import type { User } from "../types.ts";
import { MessageBubble, PendingBubble } from "./MessageBubble.tsx";
import { AlbumBubble } from "./Album.tsx";
import { groupAlbums } from "../albums.ts";
import type { View } from "./Lightbox.tsx";

interface Props {
  chatId: number;
  history: History | undefined;
  pending: Pending[];
  me: User;
  isGroup: boolean;
  othersRead: number;
  onView: (view: View) => void;
  pressing: Record<string, true>;
}

export function MessageList({ chatId, history, pending, me, isGroup, othersRead, onView, pressing }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true); // follow new messages while the user is at the bottom
  const anchor = useRef<number | null>(null); // distance from the bottom before older ones load
  const messages = history?.messages ?? [];
  const lastId = messages[messages.length - 1]?.id ?? 0;
  const firstId = messages[0]?.id ?? 0;

  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (anchor.current !== null) {
      el.scrollTop = el.scrollHeight - anchor.current;
      anchor.current = null;
    } else if (stick.current) toBottom();
  }, [firstId, lastId, pending.length, history?.loaded]);

  // My own new message always brings me to the bottom.
  const lastMine = messages[messages.length - 1]?.from.id === me.id;
  useLayoutEffect(() => {
    if (lastMine || pending.length) {
      stick.current = true;
      toBottom();
    }
  }, [lastId, pending.length]);

  // A message growing (a reaction, a poll's tally, an edit) or the pane shrinking (a reply
  // keyboard) keeps the list at the bottom if it was there.
  const inner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !inner.current || typeof ResizeObserver === "undefined") return;
    const follow = new ResizeObserver(() => {
      if (stick.current && anchor.current === null) toBottom();
    });
    follow.observe(el);
    follow.observe(inner.current);
    return () => follow.disconnect();
  }, []);

  useEffect(() => {
    // If the first page does not fill the pane, there is no scroll to trigger paging.
    const el = scroller.current;
    if (el && history?.loaded && history.hasOlder && el.scrollHeight <= el.clientHeight) older();
  }, [history?.loaded, firstId]);

  function older() {
    const el = scroller.current;
    if (!el || !history?.hasOlder || history.loadingOlder) return;
    anchor.current = el.scrollHeight - el.scrollTop;
    void session.loadOlder(chatId);
  }

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 80) older();
  }

  const rows = [];
  let prevDay = "";
  let prevFrom = 0;
  for (const group of groupAlbums(messages)) {
    const m = group[0]!;
    const d = dayKey(m.date);
    if (d !== prevDay) {
      rows.push(
        <div class="day-sep" key={`d${d}`}>
          <span>{dayLabel(m.date)}</span>
        </div>,
      );
      prevDay = d;
      prevFrom = 0;
    }
    const mine = m.from.id === me.id;
    rows.push(
      group.length > 1 ? (
        <AlbumBubble
          key={m.id}
          messages={group}
          mine={mine}
          showSender={isGroup && !mine && prevFrom !== m.from.id}
          read={mine && othersRead >= group[group.length - 1]!.id}
          onView={onView}
          onMediaLoad={() => stick.current && toBottom()}
        />
      ) : (
      <MessageBubble
        key={m.id}
        message={m}
        mine={mine}
        // "via @bot" alone would read as the bot's own message: a via line always names its sender.
        showSender={isGroup && !mine && (prevFrom !== m.from.id || !!m.viaBot)}
        read={mine && othersRead >= m.id}
        onView={onView}
        onMediaLoad={() => stick.current && toBottom()}
        pressing={pressing}
      />
      ),
    );
    prevFrom = m.from.id;
  }

  return (
    <div class="messages" ref={scroller} onScroll={onScroll} data-testid="message-list">
      <div class="messages-inner" ref={inner}>
        {history?.hasOlder && (
          <button class="load-older" onClick={older} disabled={history.loadingOlder} data-testid="load-older">
            {history.loadingOlder ? "Loading…" : "Load older messages"}
          </button>
        )}
        {!history?.loaded && <div class="list-empty">Loading messages…</div>}
        {history?.loaded && !messages.length && !pending.length && <div class="list-empty">No messages here yet. Say hello!</div>}
        {rows}
        {pending.map((p) => (
          <PendingBubble key={p.clientMsgId} pending={p} />
        ))}
      </div>
    </div>
  );
}
