import { useAppState } from "../state/hooks.ts";
import { AuthScreen } from "./AuthScreen.tsx";
import { BotAnswer } from "./BotAnswer.tsx";
import { MainScreen } from "./MainScreen.tsx";
import { Notice } from "./Notice.tsx";

export function App() {
  const state = useAppState();
  return (
    <>
      {state.booting ? (
        <div class="splash" aria-busy="true">
          <div class="brand-mark">S</div>
        </div>
      ) : state.me ? (
        <MainScreen state={state} me={state.me} />
      ) : (
        <AuthScreen />
      )}
      <Notice text={state.notice} />
      <BotAnswer answer={state.botAnswer} />
    </>
  );
}
