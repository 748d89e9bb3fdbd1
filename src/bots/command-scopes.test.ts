import { test } from "node:test";
import assert from "node:assert/strict";
import { lookupOrder, primaryLanguage, resolveCommands, setKey, type CommandViewer } from "./command-scopes.ts";

const cmd = (command: string) => [{ command, description: command }];
const group: CommandViewer = { chatType: "group", chatKey: "g:7", userId: 5, isAdmin: false, language: "de" };
const privateChat: CommandViewer = { chatType: "private", chatKey: "p:5:9", userId: 5, isAdmin: false, language: "" };

test("a private chat tries its own list, then all private chats, then the default, each with the language first", () => {
  assert.deepEqual(lookupOrder({ ...privateChat, language: "de" }), [
    "chat:p:5:9|de",
    "chat:p:5:9|",
    "all_private_chats|de",
    "all_private_chats|",
    "default|de",
    "default|",
  ]);
});

test("a group tries the member, the chat's admins, the chat, all admins, all groups and the default; admin lists only for admins", () => {
  assert.deepEqual(
    lookupOrder({ ...group, language: "" }),
    ["chat_member:g:7:5|", "chat:g:7|", "all_group_chats|", "default|"],
  );
  assert.deepEqual(lookupOrder({ ...group, isAdmin: true, language: "" }), [
    "chat_member:g:7:5|",
    "chat_administrators:g:7|",
    "chat:g:7|",
    "all_chat_administrators|",
    "all_group_chats|",
    "default|",
  ]);
});

test("the first list that is set wins; an empty list counts as not set", () => {
  const sets = new Map([
    [setKey({ type: "default" }, ""), cmd("help")],
    [setKey({ type: "default" }, "de"), cmd("hilfe")],
    [setKey({ type: "all_group_chats" }, ""), cmd("groupy")],
    [setKey({ type: "all_chat_administrators" }, ""), cmd("ban")],
    [setKey({ type: "chat_member", chatKey: "g:7", userId: 6 }, ""), cmd("special")],
    [setKey({ type: "all_private_chats" }, "fr"), []],
  ]);
  const listOf = (k: string) => sets.get(k) ?? null;
  assert.deepEqual(resolveCommands(listOf, group), cmd("groupy")); // all groups beats the German default
  assert.deepEqual(resolveCommands(listOf, { ...group, isAdmin: true }), cmd("ban"));
  assert.deepEqual(resolveCommands(listOf, { ...group, userId: 6 }), cmd("special"));
  assert.deepEqual(resolveCommands(listOf, { ...privateChat, language: "de" }), cmd("hilfe"));
  assert.deepEqual(resolveCommands(listOf, { ...privateChat, language: "fr" }), cmd("help"));
  assert.deepEqual(resolveCommands(() => null, privateChat), []);
});

test("a client's language tag becomes its two-letter code", () => {
  assert.equal(primaryLanguage("de-CH"), "de");
  assert.equal(primaryLanguage("PT_br"), "pt");
  assert.equal(primaryLanguage("en"), "en");
  assert.equal(primaryLanguage(""), "");
  assert.equal(primaryLanguage(undefined), "");
  assert.equal(primaryLanguage("zh-Hant-TW"), "zh");
  assert.equal(primaryLanguage("x"), "");
  assert.equal(primaryLanguage("deu"), "");
});
