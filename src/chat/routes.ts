import { acknowledge } from "../notify/reads.ts";
import { Hono } from "hono";
import { z } from "zod";
import { chatIdFor, groupChatKey, parseChatKey, privateChatKey } from "./chat-ids.ts";
import { checkUpload, statedFacts } from "./media.ts";
import { pictureProblem } from "./image-size.ts";
import { removeMedia, storeMedia } from "./media-store.ts";
import { contentMatches, SNIFF_BYTES } from "./sniff.ts";
import { MAX_PAGE, MAX_TEXT } from "../protocol/messages.ts";
import { findUsers } from "../accounts/queries.ts";
import { chatListOf, createGroupRow, shareGroup } from "./chat-index.ts";
import { present } from "./messages.ts";
import type { ChatListItem } from "../protocol/api.ts";
import { open, type Db } from "../platform/d1.ts";
import { areFriends, friendsAmong } from "../accounts/friends.ts";
import { HttpError, unwrap } from "../platform/errors.ts";
import { privateFileCaching } from "../platform/security-headers.ts";
import type { AppEnv } from "../accounts/session.ts";
import { refund, spendOrRefuse, userSubject } from "../accounts/quotas.ts";
import { chatOf, groupAddSpends, memberChat } from "./guards.ts";
import { MAX_RELAYED } from "./forwarding.ts";
import { forwardMessages } from "./relay.ts";
import { body, intId, parse, positiveId } from "../platform/validate.ts";

const text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).refine((t) => t.trim().length > 0, "must not be empty");
const clientMsgId = z.string().min(1).max(64);
const messageId = z.number().int().positive();

const newChat = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("group"),
    title: z.string().trim().min(1, "must not be empty").max(128),
    memberIds: z.array(z.number().int().positive()).max(999).default([]),
  }),
  z.object({ type: z.literal("private"), userId: z.number().int().positive() }),
]);
// A message is a text, or a location or contact shared on its own (as in Telegram, without text).
const sharedLocation = z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), horizontalAccuracy: z.number().min(0).max(1500).optional() });
const sharedContact = z.object({ phoneNumber: z.string().trim().min(1).max(64), firstName: z.string().trim().min(1).max(64), lastName: z.string().trim().max(64).optional() });
const newMessage = z
  .object({ text: text.optional(), clientMsgId: clientMsgId.optional(), replyTo: messageId.optional(), location: sharedLocation.optional(), contact: sharedContact.optional() })
  .superRefine((m, ctx) => {
    const parts = [m.text, m.location, m.contact].filter((p) => p !== undefined).length;
    if (parts === 0) ctx.addIssue({ code: "custom", path: ["text"], message: "must not be empty" });
    if (parts > 1) ctx.addIssue({ code: "custom", message: "send one of text, location and contact" });
  })
  .transform(({ text, ...rest }) => ({ ...rest, text: text ?? "" }));
const forwardBody = z.object({ fromChatId: z.number().int(), messageIds: z.array(messageId).min(1).max(MAX_RELAYED) });
const historyQuery = z.object({
  after: intId.refine((n) => n >= 0, "must be 0 or more").optional(),
  before: intId.refine((n) => n > 0, "must be positive").optional(),
  limit: intId.refine((n) => n >= 1 && n <= MAX_PAGE, `must be 1 to ${MAX_PAGE}`).optional(),
});
const fileId = z.string().regex(/^[0-9a-f-]{36}$/, "is not a file id");

/** Groups are made of friends: anyone else in `ids` is refused, by id. */
async function requireFriends(db: Db, me: number, ids: number[]): Promise<void> {
  const friends = await friendsAmong(db, me, ids);
  const strangers = ids.filter((id) => !friends.has(id));
  if (strangers.length) throw new HttpError(403, "not_friends", `you can only add friends; not friends: ${strangers.join(", ")}`);
}

export const chatRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const me = c.get("user");
    const db = open(c.env.DB);
    const rows = await chatListOf(db, me.id);
    const parsed = rows.map((r) => ({ ...r, p: parseChatKey(r.chatKey)! }));
    const peerIds = parsed.flatMap(({ p }) => (p.type === "private" ? [p.members[0] === me.id ? p.members[1] : p.members[0]] : []));
    const [peers, glances] = await Promise.all([
      findUsers(db, peerIds),
      // Only chats with no head in D1 yet (made before heads were kept) are asked directly.
      Promise.all(parsed.map((r) => (r.head ? null : c.env.CHATS.getByName(r.chatKey).glance(me.id)))),
    ]);
    const peerNames = new Map(peers.map((u) => [u.id, u.displayName]));
    const chats: ChatListItem[] = [];
    parsed.forEach(({ chatKey, p, head, groupTitle }, i) => {
      const id = chatIdFor(me.id, chatKey);
      const glance = head ? { unread: head.unread, lastMessage: head.lastMessage ? present(id, head.lastMessage, me.id) : null } : glances[i];
      if (!glance) return; // the index is ahead of a chat that has since dropped us
      const title = p.type === "group" ? (groupTitle ?? "") : (peerNames.get(id) ?? "");
      chats.push({ id, type: p.type, title, lastMessage: glance.lastMessage, unread: glance.unread });
    });
    chats.sort((a, b) => (b.lastMessage?.date ?? 0) - (a.lastMessage?.date ?? 0) || b.id - a.id);
    return c.json({ chats });
  })
  .post("/", async (c) => {
    const me = c.get("user");
    const input = await body(c, newChat);
    const db = open(c.env.DB);
    if (input.type === "private") {
      if (input.userId === me.id) throw new HttpError(400, "bad_request", "userId: you cannot chat with yourself");
      const allowed = (await areFriends(db, me.id, input.userId)) || (await shareGroup(db, me.id, input.userId));
      if (!allowed) throw new HttpError(403, "not_friends", "private chats are for friends and fellow group members");
      const [peer] = await findUsers(db, [input.userId]);
      const key = privateChatKey(me.id, input.userId);
      await c.env.CHATS.getByName(key).openPrivate(key, me, peer!);
      return c.json({ chat: { id: input.userId, type: "private", title: peer!.displayName } }, 201);
    }
    const memberIds = [...new Set(input.memberIds)].filter((id) => id !== me.id);
    await requireFriends(db, me.id, memberIds);
    const members = await findUsers(db, memberIds);
    await spendOrRefuse(c, [{ subject: userSubject(me.id), quota: "groupsCreated" }, ...(await groupAddSpends(c, db, members))]);
    const groupId = await createGroupRow(db, input.title, me.id);
    const key = groupChatKey(groupId);
    const chat = await c.env.CHATS.getByName(key).createGroup(key, input.title, me, members);
    return c.json({ chat }, 201);
  })
  .get("/:chatId", async (c) => {
    const { me, chat } = await chatOf(c);
    return c.json({ chat: unwrap(await chat.describe(me.id)) });
  })
  .post("/:chatId/members", async (c) => {
    const { me, chat } = await chatOf(c);
    const { userIds } = await body(c, z.object({ userIds: z.array(z.number().int().positive()).min(1).max(999) }));
    const db = open(c.env.DB);
    const ids = [...new Set(userIds)].filter((id) => id !== me.id);
    await requireFriends(db, me.id, ids);
    const users = await findUsers(db, ids);
    const adds = await groupAddSpends(c, db, users);
    await spendOrRefuse(c, adds);
    const result = await chat.addMembers(me.id, users);
    const added = new Set(result.ok ? result.value.added.map(userSubject) : []);
    await refund(c.env, adds.filter((s) => !added.has(s.subject))); // refused, or already members
    return c.json(unwrap(result));
  })
  .delete("/:chatId/members/:userId", async (c) => {
    const { me, chat } = await chatOf(c);
    unwrap(await chat.removeMember(me.id, parse(positiveId, c.req.param("userId"))));
    return c.json({ ok: true });
  })
  .put("/:chatId/members/:userId/role", async (c) => {
    const { me, chat } = await chatOf(c);
    const { role } = await body(c, z.object({ role: z.enum(["admin", "member"]) }));
    unwrap(await chat.setRole(me.id, parse(positiveId, c.req.param("userId")), role));
    return c.json({ ok: true });
  })
  .get("/:chatId/messages", async (c) => {
    const { me, chat } = await chatOf(c);
    const q = parse(historyQuery, c.req.query());
    return c.json({ messages: unwrap(await chat.history(me.id, q)) });
  })
  .post("/:chatId/messages", async (c) => {
    const { me, key, chat } = await chatOf(c);
    const input = await body(c, newMessage);
    const spent = [{ subject: userSubject(me.id), quota: "messages" as const }];
    await spendOrRefuse(c, spent);
    const posted = await chat.post(me, input);
    if (!posted.ok) await refund(c.env, spent);
    return c.json({ message: unwrap(posted) }, 201);
  })
  .post("/:chatId/forward", async (c) => {
    const { me, key, chat } = await chatOf(c);
    const input = await body(c, forwardBody);
    const source = await memberChat(c, input.fromChatId, "fromChatId");
    const ids = [...new Set(input.messageIds)].sort((a, b) => a - b);
    const spent = [{ subject: userSubject(me.id), quota: "messages" as const, amount: ids.length }];
    await spendOrRefuse(c, spent);
    const posted = await forwardMessages(c.env, me, source, { key, chat }, ids);
    const unsent = ids.length - (posted.ok ? posted.value.length : 0);
    if (unsent) await refund(c.env, [{ ...spent[0]!, amount: unsent }]);
    return c.json({ messages: unwrap(posted) }, 201);
  })
  .patch("/:chatId/messages/:messageId", async (c) => {
    const { me, chat } = await chatOf(c);
    const id = parse(positiveId, c.req.param("messageId"));
    const input = await body(c, z.object({ text }));
    return c.json({ message: unwrap(await chat.edit(me.id, id, { text: input.text })) });
  })
  .delete("/:chatId/messages/:messageId", async (c) => {
    const { me, chat } = await chatOf(c);
    unwrap(await chat.remove(me.id, parse(positiveId, c.req.param("messageId"))));
    return c.json({ ok: true });
  })
  .post("/:chatId/read", async (c) => {
    const { me, chat } = await chatOf(c);
    const input = await body(c, z.object({ messageId }));
    return c.json({ read: unwrap(await chat.markRead(me.id, input.messageId)) });
  })
  .post("/:chatId/typing", async (c) => {
    const { me, chat } = await chatOf(c);
    unwrap(await chat.typing(me.id));
    return c.json({ ok: true });
  })
  .post("/:chatId/callback", async (c) => {
    const { me, chat } = await chatOf(c);
    const input = await body(c, z.object({ messageId, data: z.string().min(1).max(64) }));
    const pressed = unwrap(await chat.press(me.id, input.messageId, input.data));
    // A notification's read button: a read acknowledgement (notify/reads.ts).
    if (pressed.readToken) {
      await acknowledge(c.env, pressed.readToken, "button", me.id);
      // The platform answers its own button, as a bot would answer a callback query.
      const chatId = Number(c.req.param("chatId"));
      await c.env.USERS.getByName(String(me.id)).deliver([{ type: "callback_answer", chatId, messageId: input.messageId, callbackQueryId: `read:${pressed.readToken}`, text: "Marked as read" }]);
    }
    return c.json({ ok: true });
  })
  .post("/:chatId/media", async (c) => {
    const { me, key, chat } = await chatOf(c);
    const declared = Number(c.req.header("Content-Length") ?? 0);
    if (declared > 51 * 1024 * 1024) throw new HttpError(413, "too_large", "uploads are limited to 50 MiB");
    if (!(await chat.isMember(me.id))) throw new HttpError(403, "not_member", "you are not a member of this chat");
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new HttpError(400, "bad_request", "the body must be multipart/form-data with a `file` field");
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new HttpError(400, "bad_request", "file: a file is required");
    const check = checkUpload(file.type, file.size);
    if (!check.ok) throw new HttpError(check.reason === "too_large" ? 413 : check.reason === "empty" ? 400 : 415, "bad_media", check.detail);
    // An image is read whole: its header gives its size, and a thumbnail is cut from it.
    const bytes = check.kind === "image" ? new Uint8Array(await file.arrayBuffer()) : null;
    if (!contentMatches(check.mime, bytes ?? new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))) {
      throw new HttpError(415, "bad_media", `the file's content is not ${check.mime}`);
    }
    if (bytes && pictureProblem("image", bytes)) throw new HttpError(415, "bad_media", "the image cannot be read, or its sides are out of bounds");
    const field = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" && v ? v : undefined;
    };
    // What the app states of a recording or video (its duration, its size), bounded as Telegram bounds a bot's.
    const stated = z.string().regex(/^\d{1,6}$/, "must be a whole number").transform(Number);
    const input = parse(
      z.object({
        caption: z.string().max(1024).optional(),
        clientMsgId: clientMsgId.optional(),
        duration: stated.pipe(z.number().max(86_400)).optional(),
        width: stated.pipe(z.number().min(1).max(10_000)).optional(),
        height: stated.pipe(z.number().min(1).max(10_000)).optional(),
      }),
      { caption: field("caption"), clientMsgId: field("clientMsgId"), duration: field("duration"), width: field("width"), height: field("height") },
    );
    const spent = [
      { subject: userSubject(me.id), quota: "messages" as const },
      { subject: userSubject(me.id), quota: "uploadBytes" as const, amount: file.size },
    ];
    await spendOrRefuse(c, spent);
    const facts = check.kind === "voice" || check.kind === "audio" || check.kind === "video" ? statedFacts(input) : {};
    const stored = await storeMedia(c.env.MEDIA, key, { kind: check.kind, mime: check.mime, size: file.size, name: file.name.slice(0, 255) || "file", body: bytes ?? file.stream() }, facts);
    const media = { kind: check.kind, ...stored };
    const posted = await chat.post(me, { text: input.caption ?? "", media, ...(input.clientMsgId ? { clientMsgId: input.clientMsgId } : {}) });
    if (!posted.ok || posted.value.media?.fileId !== media.fileId) await removeMedia(c.env.MEDIA, key, media);
    if (!posted.ok) await refund(c.env, spent);
    return c.json({ message: unwrap(posted) }, 201);
  })
  .get("/:chatId/media/:fileId", async (c) => {
    const { me, key, chat } = await chatOf(c);
    const id = parse(fileId, c.req.param("fileId"));
    if (!(await chat.isMember(me.id))) throw new HttpError(403, "not_member", "you are not a member of this chat");
    const object = await c.env.MEDIA.get(`${key}/${id}`);
    if (!object) throw new HttpError(404, "file_not_found", "no such file in this chat");
    return new Response(object.body, {
      headers: {
        "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
        "Content-Length": String(object.size),
        "Cache-Control": privateFileCaching,
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
