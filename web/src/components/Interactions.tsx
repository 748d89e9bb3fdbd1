// What members do to messages besides writing them: polls in the bubble, reactions under it,
// a hover menu to react and pin, the pinned bar at the top of a chat, and a pin's notice.
import { useEffect, useRef, useState } from "preact/hooks";
import { pinnedLabel, preview } from "../format.ts";
import { useSelect } from "../state/hooks.ts";
import { session } from "../state/session.ts";
import type { ChatDetails, Message, Poll, Reaction } from "../types.ts";
import { Icon } from "./Icon.tsx";

/** The reactions the picker offers (the server takes any of Telegram's set). */
export const PICKER_EMOJI = ["👍", "❤", "🔥", "😁", "😢", "🎉", "👎"];

/** Whether I may pin in this chat: either side of a private chat; a group's owner and admins. */
function canPin(details: ChatDetails | undefined, meId: number | undefined): boolean {
  if (!details || meId === undefined) return false;
  if (details.type === "private") return true;
  const role = details.members.find((m) => m.id === meId)?.role;
  return role === "owner" || role === "admin";
}

/** Scrolls the chat to a message, when it is loaded; says so when it is further up. */
export function scrollToMessage(messageId: number) {
  const el = document.querySelector(`[data-testid="message"][data-message-id="${messageId}"]`);
  if (!el) {
    session.notify("That message is further up: scroll up to load it.");
    return;
  }
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.classList.add("flash");
  setTimeout(() => el.classList.remove("flash"), 1200);
}

// ---- polls --------------------------------------------------------------------------------

export function PollView({ poll, chatId, messageId }: { poll: Poll; chatId: number; messageId: number }) {
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const voted = !!poll.chosen?.length;
  const results = voted || poll.isClosed;
  const quiz = poll.type === "quiz";
  const kind = poll.isClosed ? "Final results" : `${poll.isAnonymous ? "Anonymous " : ""}${quiz ? "quiz" : "poll"}`;
  const send = async (options: number[]) => {
    setBusy(true);
    await session.vote(chatId, messageId, options);
    setBusy(false);
    setPicked([]);
  };
  const choose = (i: number) => {
    if (results || busy) return;
    if (poll.allowsMultipleAnswers) setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i]));
    else void send([i]);
  };
  const total = poll.totalVoterCount;
  return (
    <div class="poll" data-testid="poll" data-state={results ? "results" : "open"} data-closed={poll.isClosed ? "true" : "false"}>
      <div class="poll-question">{poll.question}</div>
      <div class="poll-kind">{kind.charAt(0).toUpperCase() + kind.slice(1)}</div>
      <div class="poll-options">
        {poll.options.map((o, i) => {
          const pct = total ? Math.round((o.voterCount / total) * 100) : 0;
          const mine = poll.chosen?.includes(i) ?? false;
          const right = quiz && poll.correctOptionId === i;
          const wrong = quiz && mine && poll.correctOptionId !== undefined && !right;
          const mark = results ? (right ? "✓" : wrong ? "✗" : mine ? "✓" : "") : poll.allowsMultipleAnswers ? (picked.includes(i) ? "☑" : "☐") : "○";
          return (
            <button
              type="button"
              key={i}
              class={`poll-option${mine ? " chosen" : ""}${right && results ? " right" : ""}${wrong ? " wrong" : ""}${picked.includes(i) ? " picked" : ""}`}
              data-testid="poll-option"
              data-option={i}
              disabled={results || busy}
              aria-pressed={mine || picked.includes(i)}
              onClick={() => choose(i)}
            >
              <span class="poll-mark" aria-hidden="true">
                {mark}
              </span>
              <span class="poll-text">{o.text}</span>
              {results && (
                <span class="poll-pct" data-testid="poll-percent">
                  {pct}%
                </span>
              )}
              {results && <span class="poll-bar" data-testid="poll-bar" style={{ width: `${pct}%` }} />}
            </button>
          );
        })}
      </div>
      {results && quiz && voted && poll.explanation && (
        <div class="poll-explanation" data-testid="poll-explanation">
          💡 {poll.explanation}
        </div>
      )}
      <div class="poll-footer">
        <span data-testid="poll-total">{total === 1 ? "1 vote" : `${total} votes`}</span>
        {!results && poll.allowsMultipleAnswers && (
          <button type="button" class="btn btn-small" data-testid="poll-vote" disabled={!picked.length || busy} onClick={() => void send(picked)}>
            Vote
          </button>
        )}
        {voted && !poll.isClosed && !quiz && (
          <button type="button" class="link" data-testid="poll-retract" disabled={busy} onClick={() => void send([])}>
            Retract vote
          </button>
        )}
      </div>
    </div>
  );
}

// ---- reactions ----------------------------------------------------------------------------

/** Emoji with counts under a bubble: mine highlighted, who reacted in the tooltip, a click toggles. */
export function ReactionBar({ reactions, chatId, messageId }: { reactions: Reaction[]; chatId: number; messageId: number }) {
  const meId = useSelect((s) => s.me?.id);
  const members = useSelect((s) => s.details[chatId]?.members);
  const name = (id: number) => members?.find((m) => m.id === id)?.displayName ?? (id === meId ? "You" : "Someone");
  return (
    <div class="reactions" data-testid="reactions">
      {reactions.map((r) => {
        const mine = meId !== undefined && r.userIds.includes(meId);
        const names = r.userIds.map((id) => (id === meId ? "You" : name(id)));
        const others = r.count - r.userIds.length;
        return (
          <button
            type="button"
            key={r.emoji}
            class={`reaction${mine ? " mine" : ""}`}
            data-testid="reaction"
            data-emoji={r.emoji}
            data-mine={mine ? "true" : "false"}
            title={`${names.join(", ")}${others > 0 ? ` and ${others} more` : ""} reacted ${r.emoji}`}
            aria-pressed={mine}
            onClick={() => void session.react(chatId, messageId, r.emoji)}
          >
            <span class="reaction-emoji">{r.emoji}</span>
            <span class="reaction-count" data-testid="reaction-count">
              {r.count}
            </span>
          </button>
        );
      })}
    </div>
  );
}

/** Lets go of the bubble a tap or a click focused, so its toolbar hides once used. */
function letGo() {
  const el = document.activeElement;
  if (el instanceof HTMLElement && el.closest(".bubble")) el.blur();
}

/**
 * The bubble's toolbar (on hover, keyboard focus, or a tap): a reaction picker, and pin or
 * unpin where I may. The picker opens over the bubble's top edge, from its outer side, with
 * the first emoji focused; arrow keys move along it, Escape closes it.
 */
export function MessageActions({ message: m }: { message: Message }) {
  const [picking, setPicking] = useState(false);
  const details = useSelect((s) => s.details[m.chatId]);
  const meId = useSelect((s) => s.me?.id);
  const pinnable = canPin(details, meId);
  const bar = useRef<HTMLDivElement>(null);
  const picker = useRef<HTMLDivElement>(null);
  const react = useRef<HTMLButtonElement>(null);
  // The open picker closes on a click or tap elsewhere, and on Escape.
  useEffect(() => {
    if (!picking) return;
    picker.current?.querySelector("button")?.focus();
    const away = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!bar.current?.contains(t) && !picker.current?.contains(t)) setPicking(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      setPicking(false);
      react.current?.focus();
    };
    document.addEventListener("pointerdown", away, true);
    document.addEventListener("keydown", escape, true);
    return () => {
      document.removeEventListener("pointerdown", away, true);
      document.removeEventListener("keydown", escape, true);
    };
  }, [picking]);
  const along = (e: KeyboardEvent) => {
    const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const keys = [...(picker.current?.querySelectorAll("button") ?? [])];
    const at = keys.indexOf(document.activeElement as HTMLButtonElement);
    keys[(at + d + keys.length) % keys.length]?.focus();
  };
  return (
    <>
      <div class={`msg-actions${picking ? " open" : ""}`} data-testid="message-actions" ref={bar}>
        <button type="button" class="msg-action" data-testid="react-button" title="React" aria-label="React" aria-haspopup="menu" aria-expanded={picking} ref={react} onClick={() => setPicking((p) => !p)}>
          ☺
        </button>
        {pinnable && (
          <button
            type="button"
            class="msg-action"
            data-testid={m.pinned ? "unpin-button" : "pin-button"}
            title={m.pinned ? "Unpin" : "Pin"}
            aria-label={m.pinned ? "Unpin" : "Pin"}
            onClick={() => {
              letGo();
              void session.setPinned(m.chatId, m.id, !m.pinned);
            }}
          >
            {m.pinned ? "Unpin" : <Icon name="pin" size={14} />}
          </button>
        )}
      </div>
      {picking && (
        <div class="reaction-picker" data-testid="reaction-picker" role="menu" aria-label="React" ref={picker} onKeyDown={along}>
          {PICKER_EMOJI.map((e) => (
            <button
              type="button"
              key={e}
              role="menuitem"
              class="picker-emoji"
              data-testid="picker-emoji"
              data-emoji={e}
              onClick={() => {
                setPicking(false);
                letGo();
                void session.react(m.chatId, m.id, e);
              }}
            >
              {e}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

// ---- pins ---------------------------------------------------------------------------------

/** The bar at the top of a chat: its latest pinned message; a click goes to it. */
export function PinnedBar({ chatId }: { chatId: number }) {
  const details = useSelect((s) => s.details[chatId]);
  const meId = useSelect((s) => s.me?.id);
  const pinned = details?.pinnedMessage;
  if (!pinned) return null;
  const count = details.pinnedMessageIds?.length ?? 1;
  return (
    <div class="pinned-bar" data-testid="pinned-bar" data-message-id={pinned.id}>
      <button type="button" class="pinned-body" onClick={() => scrollToMessage(pinned.id)}>
        <span class="pinned-label">
          <Icon name="pin" size={12} /> Pinned message{count > 1 ? ` (${count})` : ""}
        </span>
        <span class="pinned-text" data-testid="pinned-text">
          {preview(pinned) || "Message"}
        </span>
      </button>
      {canPin(details, meId) && (
        <button type="button" class="icon-btn pinned-unpin" data-testid="pinned-unpin" title="Unpin" aria-label="Unpin" onClick={() => void session.setPinned(chatId, pinned.id, false)}>
          ×
        </button>
      )}
    </div>
  );
}

/** A pin's service message, centred like a day separator: "Alice pinned “…”". */
export function PinNotice({ message: m }: { message: Message }) {
  const pinned = m.pinnedMessage!;
  return (
    <div class="service-row" data-testid="pin-notice" data-message-id={m.id}>
      <button type="button" class="service-text" onClick={() => scrollToMessage(pinned.id)}>
        {m.from.displayName} pinned {pinnedLabel(pinned)}
      </button>
    </div>
  );
}
