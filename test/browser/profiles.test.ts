// Customer profiles in the web app (issue 9 point 10), on real `wrangler dev` with its queue
// consumer and real Chromium: two staff browsers beside their chats with a customer see a fact
// extracted from the customer's message appear, one edits and tags, the other sees it live;
// the workspace page at a phone's size; the customer's own "Profiles about me".
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { byId, SHOTS, startWorld, type World } from "./harness.ts";

let world: World;
let workspaceId: number;

beforeAll(async () => {
  world = await startWorld("switchboard-profiles-");
  const { alice, carol } = world.users;
  const created = await world.api("/api/v1/workspaces", alice.token, { name: "Acme Support" });
  workspaceId = created.workspace.id;
  const added = await world.api(`/api/v1/workspaces/${workspaceId}/staff`, alice.token, { handle: carol.user.handle, role: "staff" });
  expect(added.staff?.role).toBe("staff");
  await world.api(`/api/v1/me/workspace-invitations/${workspaceId}/accept`, carol.token, {});
});

afterAll(async () => {
  await world?.stop();
});

/** Opens the chat with `peerId` and the profile panel beside it, on this test's workspace. */
async function openProfile(page: Page, peerId: number) {
  await page.getByTestId(`chat-${peerId}`).click();
  await page.getByTestId("profile-toggle").click();
  const panel = page.getByTestId("profile-panel");
  await panel.waitFor();
  // Another workspace of the viewer may keep a profile of the peer too: pick this one.
  if (await panel.getByTestId("profile-workspace").count()) await panel.getByTestId("profile-workspace").selectOption(String(workspaceId));
  await expect.poll(() => panel.getByTestId("profile-view").getAttribute("data-workspace-id")).toBe(String(workspaceId));
  return panel;
}

const field = (panel: ReturnType<Page["getByTestId"]>, name: string) => panel.getByTestId(`profile-field-${name}`);

describe("customer profiles", () => {
  test("two staff see a fact extracted from the customer's message; an edit and a tag reach the other live; removal takes the panel away", async () => {
    const { alice, bob, carol } = world.users;
    const a = await world.newPage({ width: 1280, height: 800 });
    const c = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(a, "alice", "alice-demo-pass");
    await world.logIn(c, "carol", "carol-demo-pass");
    const pa = await openProfile(a, bob.user.id);
    const pc = await openProfile(c, bob.user.id);
    expect(await pa.getByTestId("profile-name").textContent()).toBe(bob.user.displayName);
    // Both colleagues are in the ranking; neither offers to message themselves.
    await expect.poll(() => pa.getByTestId("staff-rank").count()).toBe(2);
    expect(await pa.locator(`[data-testid="staff-rank"][data-user-id="${alice.user.id}"] [data-testid="staff-message"]`).count()).toBe(0);
    expect(await pa.locator(`[data-testid="staff-rank"][data-user-id="${carol.user.id}"] [data-testid="staff-message"]`).count()).toBe(1);

    // Bob writes to Alice; the queue's consumer extracts; both panels show it without a reload.
    const sent = await world.api(`/api/v1/chats/${alice.user.id}/messages`, bob.token, { text: "my email is bob@example.com and I work at Acme Corp", clientMsgId: "profile-1" });
    const messageId: number = sent.message.id;
    for (const panel of [pa, pc]) {
      await expect.poll(() => field(panel, "email").getByTestId("field-value").textContent(), { timeout: 15_000 }).toBe("bob@example.com");
      expect(await field(panel, "email").getAttribute("data-source")).toBe("extracted");
      expect(await field(panel, "email").getByTestId("field-source").textContent()).toBe("extracted");
    }
    // Alice's chat holds the message: a link to it. Carol's does not: it names whose chat it is in.
    expect(await field(pa, "email").getByTestId("evidence-link").count()).toBe(1);
    expect(await field(pc, "email").getByTestId("evidence-elsewhere").textContent()).toBe(`from a message to ${alice.user.displayName}`);
    await a.screenshot({ path: join(SHOTS, "profiles-extracted-alice.png") });
    await c.screenshot({ path: join(SHOTS, "profiles-extracted-carol.png") });

    // More talk pushes the message out of view; the link brings it back.
    for (let i = 0; i < 25; i++) await world.api(`/api/v1/chats/${alice.user.id}/messages`, bob.token, { text: `filler ${i}`, clientMsgId: `filler-${i}` });
    await expect.poll(() => a.getByTestId("message-list").getByText("filler 24").count()).toBe(1);
    const inView = () => byId(a, messageId).evaluate((el) => {
      const r = el.getBoundingClientRect();
      const box = el.closest('[data-testid="message-list"]')!.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    await expect.poll(inView).toBe(false);
    await field(pa, "email").getByTestId("evidence-link").click();
    await expect.poll(inView).toBe(true);

    // Alice edits the company inline (Enter saves): a staff value, live on Carol's side.
    const company = field(pa, "company");
    const extracted = (await company.count()) > 0;
    if (extracted) await company.getByTestId("field-value").click();
    else await pa.getByTestId("add-field").selectOption("company");
    const input = pa.getByTestId("profile-field-company").getByTestId("field-input");
    await input.fill("Acme Corporation Ltd");
    await input.press("Enter");
    await expect.poll(() => field(pc, "company").getByTestId("field-value").textContent()).toBe("Acme Corporation Ltd");
    expect(await field(pc, "company").getAttribute("data-source")).toBe("staff");
    // Saved, the focus is back on the value it edited.
    if (extracted) expect(await field(pa, "company").getByTestId("field-value").evaluate((el) => el === document.activeElement)).toBe(true);

    // A tag added by Alice appears for Carol.
    await pa.getByTestId("tag-input").fill("vip");
    await pa.getByTestId("tag-add").click();
    await expect.poll(() => pc.locator('[data-testid="tag-chip"][data-tag="vip"]').count()).toBe(1);
    await c.screenshot({ path: join(SHOTS, "profiles-live-edit-carol.png") });

    // Clearing a field sends null: gone on both sides.
    await field(pa, "email").getByTestId("field-clear").click();
    await expect.poll(() => field(pc, "email").count()).toBe(0);

    // Alice removes Carol from the workspace: Carol's panel and toggle go at once.
    await world.api(`/api/v1/workspaces/${workspaceId}/staff/${carol.user.id}`, alice.token, undefined, "DELETE");
    await expect.poll(() => c.getByTestId("profile-panel").count()).toBe(0);
    await expect.poll(() => c.getByTestId("profile-toggle").count()).toBe(0);
    expect(world.pageErrors).toEqual([]);
  });

  test("the workspace page on a phone: create, invite staff (Carol's badge comes live, she accepts in her browser, then leaves), search customers, filter by tag, open a profile; the panel as a sheet", async () => {
    const { bob, carol } = world.users;
    // A second customer of Alice's, without the tag.
    const r = await fetch(`${world.url}/api/v1/auth/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ handle: "dora", password: "dora-demo-pass", displayName: "Dora Maar" }),
    });
    const dora = (await r.json()) as { user: { id: number }; token: string };
    await world.api("/api/v1/friends", dora.token, { handle: "alice" });
    await world.api(`/api/v1/friends/${dora.user.id}/accept`, world.users.alice.token, {});

    // Carol, online before she is invited: no invitations yet.
    const c = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(c, "carol", "carol-demo-pass");
    await expect.poll(() => c.getByTestId("connection-status").getAttribute("class")).toContain("status-online");
    expect(await c.getByTestId("invitations-badge").count()).toBe(0);

    const p = await world.newPage({ width: 390, height: 844 }, true);
    await world.logIn(p, "alice", "alice-demo-pass");
    await p.getByTestId("workspaces-button").click();
    const page = p.getByTestId("workspaces-page");
    await expect.poll(() => page.locator(`[data-testid="ws-${workspaceId}"] [data-testid="ws-role"]`).textContent()).toBe("Owner");

    // Create a workspace: it opens; invite Carol as staff; a wrong handle shows the server's words.
    await page.getByTestId("ws-name").fill("Phone Shop");
    await page.getByTestId("ws-create").click();
    await page.getByTestId("ws-staff").waitFor();
    await page.getByTestId("staff-handle").fill("nobody-here");
    await page.getByTestId("staff-add").click();
    await expect.poll(() => page.getByTestId("staff-message-line").getAttribute("role")).toBe("alert");
    await page.getByTestId("staff-handle").fill("carol");
    await page.getByTestId("staff-add").click();
    // She is invited, not staff: listed under the staff with a badge, until she accepts.
    const invited = page.getByTestId(`invited-${carol.user.id}`);
    await expect.poll(() => invited.count()).toBe(1);
    expect(await page.getByTestId("staff-message-line").textContent()).toBe("@carol is invited; they join when they accept.");
    expect(await invited.getByTestId("invited-badge").textContent()).toBe("invited");
    expect(await page.getByTestId(`staff-${carol.user.id}`).count()).toBe(0);
    // Dora, invited too, is withdrawn: gone from the list.
    await page.getByTestId("staff-handle").fill("dora");
    await page.getByTestId("staff-add").click();
    await expect.poll(() => page.getByTestId(`invited-${dora.user.id}`).count()).toBe(1);
    p.once("dialog", (d) => void d.accept());
    await page.getByTestId(`invited-withdraw-${dora.user.id}`).click();
    await expect.poll(() => page.getByTestId(`invited-${dora.user.id}`).count()).toBe(0);
    expect(await invited.count()).toBe(1);

    // Carol's Workspaces entry counts the invitation live; she accepts on the workspace page.
    const badge = c.getByTestId("invitations-badge");
    await expect.poll(() => badge.textContent()).toBe("1");
    expect(await c.getByTestId("workspaces-button").getAttribute("aria-label")).toBe("Workspaces, 1 invitation");
    await c.getByTestId("workspaces-button").click();
    const cPage = c.getByTestId("workspaces-page");
    const phoneShop = cPage.locator('[data-testid="ws-list"] [data-name="Phone Shop"]');
    expect(await phoneShop.count()).toBe(0);
    await expect.poll(() => cPage.getByTestId("invitation-text").textContent()).toBe("Alice Liddell invites you to Phone Shop as staff");
    await c.screenshot({ path: join(SHOTS, "profiles-invitation-carol.png") });
    await cPage.getByTestId("invitation-accept").click();
    await expect.poll(() => phoneShop.count()).toBe(1);
    expect(await phoneShop.getByTestId("ws-role").textContent()).toBe("Staff");
    expect(await cPage.getByTestId("ws-invitations").count()).toBe(0);
    await expect.poll(() => badge.count()).toBe(0);

    // On Alice's page, asked again, Carol has moved to the staff.
    await page.getByTestId("ws-back").click();
    await page.locator('[data-testid="ws-list"] [data-name="Phone Shop"]').click();
    await expect.poll(() => page.getByTestId(`staff-${carol.user.id}`).count()).toBe(1);
    expect(await invited.count()).toBe(0);
    // Alice owns it: no Leave. Carol leaves (she confirms): it drops from her list.
    expect(await page.getByTestId("ws-leave").count()).toBe(0);
    await phoneShop.click();
    c.once("dialog", (d) => void d.accept());
    await cPage.getByTestId("ws-leave").click();
    await expect.poll(() => phoneShop.count()).toBe(0);

    // Back to the first workspace: customers, search, the tag filter.
    await page.getByTestId("ws-back").click();
    await page.getByTestId(`ws-${workspaceId}`).click();
    const list = page.getByTestId("customer-list");
    await expect.poll(() => list.getByTestId(`customer-${dora.user.id}`).count()).toBe(1);
    expect(await list.getByTestId(`customer-${bob.user.id}`).count()).toBe(1);
    await page.getByTestId("customer-search").fill("dora");
    await expect.poll(() => list.getByTestId(`customer-${bob.user.id}`).count()).toBe(0);
    expect(await list.getByTestId(`customer-${dora.user.id}`).count()).toBe(1);
    await page.getByTestId("customer-search").fill("");
    await expect.poll(() => list.getByTestId(`customer-${bob.user.id}`).count()).toBe(1);
    await page.locator('[data-testid="tag-filter"][data-tag="vip"]').click();
    await expect.poll(() => list.getByTestId(`customer-${dora.user.id}`).count()).toBe(0);
    expect(await list.getByTestId(`customer-${bob.user.id}`).count()).toBe(1);
    await p.screenshot({ path: join(SHOTS, "profiles-workspace-phone.png") });

    // A customer opens their profile, standalone.
    await list.getByTestId(`customer-${bob.user.id}`).click();
    await expect.poll(() => page.getByTestId("profile-field-company").getByTestId("field-value").textContent()).toBe("Acme Corporation Ltd");
    await p.screenshot({ path: join(SHOTS, "profiles-customer-phone.png") });
    await page.getByTestId("modal-close").click();

    // In the chat, the panel is a sheet over it; closing it gives the chat back.
    await p.getByTestId(`chat-${bob.user.id}`).click();
    await p.getByTestId("profile-toggle").click();
    const sheet = p.getByTestId("profile-panel");
    await sheet.waitFor();
    const box = (await sheet.boundingBox())!;
    expect(box.width).toBe(390);
    expect(await p.getByTestId("profile-close").evaluate((el) => el === document.activeElement)).toBe(true);
    await p.screenshot({ path: join(SHOTS, "profiles-sheet-phone.png") });
    await p.getByTestId("profile-close").click();
    await expect.poll(() => sheet.count()).toBe(0);
    expect(world.pageErrors).toEqual([]);
  });

  test("the customer sees the profile kept on them and asks for it to be erased", async () => {
    const b = await world.newPage({ width: 1280, height: 800 });
    await world.logIn(b, "bob", "bob-demo-pass");
    await b.getByTestId("account-button").click();
    const held = b.getByTestId(`held-${workspaceId}`);
    await expect.poll(() => held.textContent()).toContain("Acme Corporation Ltd");
    await b.screenshot({ path: join(SHOTS, "profiles-about-me.png") });
    b.once("dialog", (d) => void d.accept());
    await held.getByTestId("ask-erase").click();
    await expect.poll(() => b.getByTestId("profiles-about-me").textContent()).not.toContain("Acme Corporation Ltd");
    expect(world.pageErrors).toEqual([]);
  });
});
