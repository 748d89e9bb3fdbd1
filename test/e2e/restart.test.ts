// `npm start` on an existing state: a restart keeps what users changed. The demo data is
// seeded into a fresh state only; on a restart the accounts are just logged in.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { freePort, migrate, startPlatform } from "../../scripts/platform.mjs";
// @ts-expect-error plain ESM script without type declarations
import { seed } from "../../scripts/seed.mjs";

type Sessions = Record<"alice" | "bob" | "carol", { token: string; user: { id: number; handle: string } }>;

const state = mkdtempSync(join(tmpdir(), "switchboard-restart-"));
let platform: { url: string; stop: () => Promise<void> } | undefined;

afterAll(async () => {
  await platform?.stop();
  rmSync(state, { recursive: true, force: true });
});


async function api(method: string, path: string, token: string): Promise<any> {
  const r = await fetch(`${platform!.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status}`);
  return r.json();
}

const friendHandles = async (s: Sessions[keyof Sessions]) => ((await api("GET", "/api/v1/friends", s.token)).friends as { handle: string }[]).map((f) => f.handle).sort();

it("a restart does not undo a removed friendship, nor seed a second group", { timeout: 180_000 }, async () => {
  migrate(state);
  platform = await startPlatform({ port: await freePort(), persistTo: state });
  const first = (await seed(platform!.url)) as Sessions;
  expect(await friendHandles(first.carol)).toEqual(["alice", "bob"]);
  await api("DELETE", `/api/v1/friends/${first.bob.user.id}`, first.carol.token);
  expect(await friendHandles(first.carol)).toEqual(["alice"]);
  const groups = async (s: Sessions[keyof Sessions]) => ((await api("GET", "/api/v1/chats", s.token)).chats as { type: string }[]).filter((c) => c.type === "group").length;
  expect(await groups(first.alice)).toBe(1);

  // Restart on the same state, as `npm start` does: migrate, start, seed.
  await platform!.stop();
  migrate(state);
  platform = await startPlatform({ port: await freePort(), persistTo: state });
  const again = (await seed(platform!.url)) as Sessions;
  expect(again.carol.user.id).toBe(first.carol.user.id); // the same accounts, logged in
  expect(await friendHandles(again.carol)).toEqual(["alice"]);
  expect(await friendHandles(again.bob)).toEqual(["alice"]);
  expect(((await api("GET", "/api/v1/friends/requests", again.carol.token)) as { incoming: unknown[] }).incoming).toEqual([]);
  expect(await groups(again.alice)).toBe(1); // no second Tea Party
});
