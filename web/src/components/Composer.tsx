import { useEffect, useRef, useState } from "preact/hooks";
import { IMAGE_TYPES, session } from "../state/session.ts";
import { Icon } from "./Icon.tsx";

const drafts = new Map<number, string>();

export function Composer({ chatId }: { chatId: number }) {
  const [text, setText] = useState(drafts.get(chatId) ?? "");
  const input = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Focus on open, but not on touch screens where the keyboard would cover the chat.
    if (!matchMedia("(pointer: coarse)").matches) input.current?.focus();
  }, [chatId]);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  function update(v: string) {
    setText(v);
    drafts.set(chatId, v);
    if (v.trim()) session.typing(chatId);
  }

  function send() {
    if (!text.trim()) return;
    session.sendText(chatId, text);
    update("");
    input.current?.focus();
  }

  function onKey(e: KeyboardEvent) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  function onFile(e: Event) {
    const el = e.currentTarget as HTMLInputElement;
    for (const f of Array.from(el.files ?? [])) session.sendImage(chatId, f);
    el.value = "";
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <button type="button" class="icon-btn" title="Send an image" aria-label="Send an image" data-testid="attach-button" onClick={() => file.current?.click()}>
        <Icon name="image" />
      </button>
      <input ref={file} type="file" accept={IMAGE_TYPES.join(",")} multiple hidden data-testid="image-input" onChange={onFile} />
      <textarea
        ref={input}
        rows={1}
        placeholder="Write a message…"
        aria-label="Message"
        data-testid="composer-input"
        value={text}
        onInput={(e) => update(e.currentTarget.value)}
        onKeyDown={onKey}
      />
      <button type="submit" class="send-btn" aria-label="Send" title="Send" data-testid="send-button" disabled={!text.trim()}>
        <Icon name="send" />
      </button>
    </form>
  );
}
