import { session } from "../state/session.ts";
import { Modal } from "./Modal.tsx";

/** A link or the directory starts a bot I blocked: ask before unblocking it. */
export function UnblockBotDialog({ username }: { username: string }) {
  const keepBlocked = () => void session.answerUnblock(false);
  return (
    <Modal title={`Unblock @${username}?`} onClose={keepBlocked} testid="unblock-bot">
      <p class="alert-text">
        You blocked @{username}. Starting it unblocks it: it can message you again and learns that you are back.
      </p>
      <div class="dialog-actions">
        <button class="btn" onClick={keepBlocked} data-testid="unblock-bot-cancel">
          Keep blocked
        </button>
        <button class="btn btn-primary" onClick={() => void session.answerUnblock(true)} data-testid="unblock-bot-confirm">
          Unblock and start
        </button>
      </div>
    </Modal>
  );
}
