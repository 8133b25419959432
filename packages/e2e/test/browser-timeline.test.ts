import { expect, it } from "vitest";
import { visit } from "../src/browser";
import { api, browserDescribe, emulator, getJson, tracker } from "./browser-helpers";

/**
 * A change made upstream reaches the notice page: a deadline moved in the emulator (its admin API), one
 * tracker sweep (the demo entry's POST /_demo/tick), and the notice's timeline lists the event.
 */

type Hit = { id: string; deadline: string | null };

browserDescribe("notice timeline after an upstream change", (session) => {
  it("shows the moved deadline as a deadline_changed event, before → after", async () => {
    const { items } = await getJson<{ items: Hit[] }>(
      `${api()}/v1/notices?type=COMPETITION&status=ACTIVE&sort=published_desc&limit=50`,
    );
    // A notice the tracker follows (it has a history) and whose deadline no other test moved.
    let target: Hit | undefined;
    for (const hit of items.filter((h) => h.deadline)) {
      const h = await fetch(`${api()}/v1/notices/${hit.id}/history`);
      const body = (await h.json()) as { events?: { kind: string }[] };
      if (h.status === 200 && !body.events?.some((e) => e.kind === "deadline_changed")) {
        target = hit;
        break;
      }
    }
    if (!target?.deadline) throw new Error("no tracked active competition with a deadline in the stack");
    const page = await session().newPage();
    await visit(page, `${api()}/notices/${target.id}`);
    expect(await page.locator('#timeline li.event[data-kind="deadline_changed"]').count()).toBe(0);

    const moved = new Date(Date.parse(target.deadline) + 9 * 86_400_000).toISOString();
    const mutation = await fetch(`${emulator()}/_emulator/notices/${target.id}/mutations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ op: "deadline", deadline: moved }),
    });
    expect(mutation.status).toBe(200);
    const tick = await fetch(`${tracker()}/_demo/tick`, { method: "POST" });
    expect(tick.status).toBe(200);

    // The page is cached like the API: a reload with no-cache revalidates, and the new ETag must differ.
    await page.reload({ waitUntil: "networkidle" });
    const event = page.locator('#timeline li.event[data-kind="deadline_changed"]');
    await event.first().waitFor({ timeout: 15_000 });
    expect(await event.count()).toBe(1);
    const text = (await event.first().textContent()) ?? "";
    expect(text).toMatch(/→/);
    expect(text).toContain(String(new Date(moved).getUTCFullYear()));
    await page.close();
  });
});
