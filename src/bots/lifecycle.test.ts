import { test } from "node:test";
import assert from "node:assert/strict";
import { admit, closeAt, deliveriesPaused, logOutAt, RELAUNCH_GUARD_SECONDS, RELOGIN_WAIT_SECONDS } from "./lifecycle.ts";

const fresh = { launchedAt: null, loggedOutAt: null };

test("the first call launches the bot; later calls change nothing", () => {
  assert.deepEqual(admit(fresh, 100), { admitted: true, next: { launchedAt: 100, loggedOutAt: null } });
  assert.deepEqual(admit({ launchedAt: 100, loggedOutAt: null }, 200), { admitted: true, next: null });
});

test("close answers 'retry after' for the first 10 minutes after launch, then stops the instance", () => {
  const running = { launchedAt: 1000, loggedOutAt: null };
  assert.deepEqual(closeAt(running, 1000), { retryAfter: RELAUNCH_GUARD_SECONDS });
  assert.deepEqual(closeAt(running, 1000 + 599), { retryAfter: 1 });
  assert.deepEqual(closeAt(running, 1000 + 600), { next: fresh });
  // a closed bot's next call launches it again, and the guard starts over
  const again = admit(fresh, 5000);
  assert.ok(again.admitted && again.next);
  assert.deepEqual(closeAt(again.next, 5001), { retryAfter: RELAUNCH_GUARD_SECONDS - 1 });
});

test("after logOut every call is refused for 10 minutes; the first call after logs the bot in", () => {
  const out = logOutAt(1000);
  assert.equal(deliveriesPaused(out), true);
  assert.deepEqual(admit(out, 1000), { admitted: false });
  assert.deepEqual(admit(out, 1000 + RELOGIN_WAIT_SECONDS - 1), { admitted: false });
  const back = admit(out, 1000 + RELOGIN_WAIT_SECONDS);
  assert.deepEqual(back, { admitted: true, next: { launchedAt: 1000 + RELOGIN_WAIT_SECONDS, loggedOutAt: null } });
  assert.equal(deliveriesPaused(back.admitted ? back.next! : out), false);
});
