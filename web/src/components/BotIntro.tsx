import { useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { session } from "../state/session.ts";
import type { BotProfile } from "../types.ts";
import { Avatar } from "./Avatar.tsx";

/**
 * An empty chat with a bot, as Telegram shows it: "What can this bot do?" and the bot's
 * description (setMyDescription, in the browser's language). Before the bot is started it
 * comes with the Start button that takes the composer's place.
 */
export function BotIntro({ bot, startable }: { bot: BotProfile; startable: boolean }) {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const description = bot.texts?.description ?? bot.description;
  const about = bot.texts?.shortDescription ?? bot.about;

  async function start() {
    setStarting(true);
    setError(null);
    try {
      await session.startBot(bot.username);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not start the bot");
    } finally {
      setStarting(false);
    }
  }

  return (
    <>
      <div class="messages bot-intro-wrap">
        <div class="bot-intro" data-testid="bot-intro">
          <Avatar id={bot.id} name={bot.texts?.name ?? bot.name} size={64} />
          <h3>{bot.texts?.name ?? bot.name}</h3>
          {about && (
            <p class="muted bot-intro-about" data-testid="bot-intro-about">
              {about}
            </p>
          )}
          <h4>What can this bot do?</h4>
          <p class="bot-intro-description" data-testid="bot-description">
            {description || "This bot has not said yet."}
          </p>
        </div>
      </div>
      {startable && (
        <div class="bot-start-bar">
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button class="btn btn-primary bot-start-btn" disabled={starting} onClick={() => void start()} data-testid="bot-intro-start">
            {starting ? "Starting…" : "Start"}
          </button>
        </div>
      )}
    </>
  );
}
