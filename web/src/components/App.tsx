import { useSelect } from "../state/hooks.ts";
import { AuthScreen } from "./AuthScreen.tsx";
import { BotAnswer } from "./BotAnswer.tsx";
import { UnblockBotDialog } from "./UnblockBotDialog.tsx";
import { MainScreen } from "./MainScreen.tsx";
import { Notice } from "./Notice.tsx";

export function App() {
  const booting = useSelect((s) => s.booting);
  const me = useSelect((s) => s.me);
  const notice = useSelect((s) => s.notice);
  const botAnswer = useSelect((s) => s.botAnswer);
  const askUnblock = useSelect((s) => s.askUnblock);
  return (
    <>
      {booting ? (
        <div class="splash" aria-busy="true">
          <div class="brand-mark">S</div>
        </div>
      ) : me ? (
        <MainScreen me={me} />
      ) : (
        <AuthScreen />
      )}
      <Notice text={notice} />
      <BotAnswer answer={botAnswer} />
      {me && askUnblock && <UnblockBotDialog username={askUnblock.username} />}
    </>
  );
}
