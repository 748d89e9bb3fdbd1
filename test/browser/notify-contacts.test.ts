// Contact points in the web app (issue 10 point 2), on real `wrangler dev` with the sandbox on
// and real Chromium: from the account dialog, Alice adds an e-mail on the Notifications page,
// reads the code the sandbox "sent" her, enters it and sees the e-mail verified; a wrong code
// is refused with the server's reason; removing the contact takes it away.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SHOTS, startWorld, type World } from "./harness.ts";

let world: World;

beforeAll(async () => {
  world = await startWorld("switchboard-contacts-");
});

afterAll(async () => {
  await world?.stop();
});

/** The newest code the sandbox recorded for this user on e-mail. */
async function sandboxCode(userId: number, token: string): Promise<string | undefined> {
  const out = await world.api(`/api/v1/sandbox/outbox?channel=email&userId=${userId}`, token);
  return out.items?.[0]?.code;
}

describe("contact points", () => {
  test("a user adds an e-mail, enters the code from the sandbox and sees it verified, then removes it", async () => {
    const { alice } = world.users;
    const page = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(page, "alice", "alice-demo-pass");
    await page.getByTestId("account-button").click();
    await page.getByTestId("account-dialog").getByTestId("open-notifications").click();
    const settings = page.getByTestId("notifications-page");
    await expect.poll(() => settings.getByTestId("no-contacts").count()).toBe(1);

    // A bad address gets the server's reason, and nothing is added.
    await settings.getByTestId("contact-channel").selectOption("email");
    await settings.getByTestId("contact-address").fill("alice@");
    await settings.getByTestId("contact-add").click();
    await expect.poll(() => settings.getByTestId("contact-message").textContent()).toContain("must be an e-mail address");
    expect(await settings.getByTestId("contact-email").count()).toBe(0);

    await settings.getByTestId("contact-address").fill("alice@example.com");
    await settings.getByTestId("contact-add").click();
    await expect.poll(() => settings.getByTestId("contact-message").textContent()).toContain("sent by e-mail to alice@example.com");
    const row = settings.getByTestId("contact-email");
    await expect.poll(() => row.getByTestId("contact-unverified").count()).toBe(1);

    await expect.poll(() => sandboxCode(alice.user.id, alice.token)).toMatch(/^\d{6}$/);
    const code = (await sandboxCode(alice.user.id, alice.token))!;
    // A wrong code first: refused, still not confirmed.
    await row.getByTestId("contact-code-email").fill(String((Number(code) + 1) % 1_000_000).padStart(6, "0"));
    await row.getByTestId("contact-confirm-email").click();
    await expect.poll(() => settings.getByTestId("contact-message").textContent()).toContain("not the code that was sent");
    expect(await row.getByTestId("contact-unverified").count()).toBe(1);

    // Typed with a space, as people copy it.
    await row.getByTestId("contact-code-email").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await row.getByTestId("contact-confirm-email").click();
    await expect.poll(() => row.getByTestId("contact-verified").textContent()).toBe("verified");
    expect(await row.getByTestId("contact-code-email").count()).toBe(0);
    expect((await world.api("/api/v1/me/contacts", alice.token)).contacts).toEqual([{ channel: "email", address: "alice@example.com", verified: true }]);
    await page.screenshot({ path: join(SHOTS, "notify-contacts-verified.png") });

    // Back to the account and in again: it is still there.
    await settings.getByTestId("account-back").click();
    await page.getByTestId("account-dialog").getByTestId("open-notifications").click();
    await expect.poll(() => page.getByTestId("contact-email").getByTestId("contact-verified").count()).toBe(1);

    page.once("dialog", (d) => void d.accept());
    await page.getByTestId("contact-remove-email").click();
    await expect.poll(() => page.getByTestId("no-contacts").count()).toBe(1);
    expect((await world.api("/api/v1/me/contacts", alice.token)).contacts).toEqual([]);
  });
});
