import { test } from "node:test";
import assert from "node:assert/strict";
import { composerMenu } from "./bot-menu.ts";

const app = { type: "web_app" as const, text: "Shop", web_app: { url: "https://shop.example.com/" } };
const pizza = { id: 7, username: "pizza_bot", name: "Pizza", commands: [{ command: "menu", description: "Menu" }], menuButton: app };
const quiz = { id: 8, username: "quiz_bot", name: "Quiz", commands: [{ command: "play", description: "Play" }], menuButton: { type: "commands" as const } };

test("a private chat with a bot: its own commands and menu button", () => {
  assert.deepEqual(composerMenu([pizza], 7), { commands: pizza.commands, menuButton: app });
  // still loading: the command button shows, empty
  assert.deepEqual(composerMenu(null, 7), { commands: [], menuButton: null });
});

test("a group: every bot's commands addressed to it; no menu button", () => {
  assert.deepEqual(composerMenu([pizza, quiz], null), {
    commands: [
      { command: "menu@pizza_bot", description: "Menu" },
      { command: "play@quiz_bot", description: "Play" },
    ],
    menuButton: null,
  });
  assert.deepEqual(composerMenu([{ ...quiz, commands: [] }], null), { commands: null, menuButton: null });
  assert.deepEqual(composerMenu(null, null), { commands: null, menuButton: null });
});
