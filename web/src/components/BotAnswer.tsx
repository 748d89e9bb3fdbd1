import { session, type AppState } from "../state/session.ts";
import { Modal } from "./Modal.tsx";

/** A bot's answer to a pressed inline button: a toast, or a dialog when the bot asks for an alert. */
export function BotAnswer({ answer }: { answer: AppState["botAnswer"] }) {
  if (!answer) return null;
  const link = answer.url && /^https?:/i.test(answer.url) && (
    <a href={answer.url} target="_blank" rel="noopener noreferrer" data-testid="bot-answer-link">
      Open link
    </a>
  );
  if (answer.alert)
    return (
      <Modal title="Message from the bot" onClose={() => session.dismissAnswer()} testid="bot-alert">
        <p class="alert-text" data-testid="bot-alert-text">
          {answer.text}
        </p>
        {link}
        <button class="btn btn-primary btn-block" onClick={() => session.dismissAnswer()} data-testid="bot-alert-ok">
          OK
        </button>
      </Modal>
    );
  return (
    <div class="toast" role="status" data-testid="bot-toast" onClick={() => session.dismissAnswer()}>
      {answer.text} {link}
    </div>
  );
}
