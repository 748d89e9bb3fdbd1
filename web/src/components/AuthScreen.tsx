import { useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { session } from "../state/session.ts";

export function AuthScreen() {
  const [mode, setMode] = useState<"login" | "register">("login");
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const registering = mode === "register";

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await session.signIn(mode, handle.trim(), password, registering ? displayName.trim() || undefined : undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong. Try again.");
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit} data-testid="auth-form">
        <div class="auth-brand">
          <div class="brand-mark">S</div>
          <h1>Switchboard</h1>
        </div>
        <p class="auth-sub">{registering ? "Create your account" : "Sign in to continue"}</p>
        <label>
          <span>Handle</span>
          <input
            data-testid="login-handle"
            name="handle"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            value={handle}
            onInput={(e) => setHandle(e.currentTarget.value)}
            required
            autoFocus
          />
        </label>
        {registering && (
          <label>
            <span>Display name <em>(optional)</em></span>
            <input data-testid="login-displayname" name="displayName" autoComplete="name" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
          </label>
        )}
        <label>
          <span>Password</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete={registering ? "new-password" : "current-password"}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </label>
        {registering && <p class="hint">3–32 letters, digits or _, starting with a letter. Password of 8 characters or more.</p>}
        {error && (
          <p class="form-error" role="alert" data-testid="auth-error">
            {error}
          </p>
        )}
        <button class="btn btn-primary btn-block" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? "Please wait…" : registering ? "Create account" : "Sign in"}
        </button>
        <p class="auth-toggle">
          {registering ? "Already have an account?" : "New here?"}{" "}
          <button
            type="button"
            class="link"
            data-testid="auth-toggle"
            onClick={() => {
              setMode(registering ? "login" : "register");
              setError(null);
            }}
          >
            {registering ? "Sign in" : "Create an account"}
          </button>
        </p>
      </form>
    </main>
  );
}
