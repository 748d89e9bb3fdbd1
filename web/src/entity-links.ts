// What clicking a detected entity does: open a safe link, talk to a mentioned member, send a
// command, or copy a tag. Pure: the component acts on the answer. Only links a browser may
// open safely come out (platform/safe-link.ts), whatever the entity's text or url says.
import { urlTarget } from "../../src/chat/detect-entities.ts";
import { isSafeLink } from "../../src/platform/safe-link.ts";
import type { MessageEntity } from "./types.ts";

export type EntityAction =
  | { kind: "link"; href: string }
  | { kind: "mention"; handle: string }
  | { kind: "user"; userId: number }
  | { kind: "command"; command: string }
  | { kind: "tag"; tag: string };

/** `covered` is the text the entity covers. Null: nothing to click. */
export function entityAction(e: MessageEntity, covered: string): EntityAction | null {
  const link = (href: string) => (isSafeLink(href) ? { kind: "link" as const, href } : null);
  switch (e.type) {
    case "url":
      return link(urlTarget(covered));
    case "text_link":
      return e.url ? link(e.url) : null;
    case "email":
      return /^[^\s@:/?#]+@[^\s@:/?#]+$/.test(covered) ? link(`mailto:${covered}`) : null;
    case "phone_number": {
      const number = covered.replace(/[\s().-]/g, "");
      return /^\+\d{7,15}$/.test(number) ? { kind: "link", href: `tel:${number}` } : null;
    }
    case "mention":
      return /^@[A-Za-z][A-Za-z0-9_]{2,31}$/.test(covered) ? { kind: "mention", handle: covered.slice(1) } : null;
    case "text_mention":
      return e.user && Number.isSafeInteger(e.user.id) ? { kind: "user", userId: e.user.id } : null;
    case "bot_command":
      return /^\/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?$/.test(covered) ? { kind: "command", command: covered } : null;
    case "hashtag":
    case "cashtag":
      return covered.length > 1 ? { kind: "tag", tag: covered } : null;
    default:
      return null;
  }
}
