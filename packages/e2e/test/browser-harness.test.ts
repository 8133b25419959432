import { expect, it } from "vitest";
import { CHROMIUM_FLAGS, chromiumPath } from "../src/browser";
import { api, browserDescribe } from "./browser-helpers";

browserDescribe("browser harness (Swagger UI at /docs)", (session) => {
  it("drives Debian's Chromium with the machine's flags and renders /docs from the local stack", async () => {
    expect(chromiumPath()).toMatch(/chromium/);
    expect(CHROMIUM_FLAGS).toContain("--no-sandbox");
    const page = await session().newPage();
    const res = await page.goto(`${api()}/docs`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toBeTruthy();
    await page.locator(".opblock-summary-path").first().waitFor();
    const doc = (await (await fetch(`${api()}/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(await page.locator(".opblock-summary-path").count()).toBe(operations);
    await page.close();
  });

  it("aborts and reports a request off 127.0.0.1", async () => {
    const page = await session().newPage();
    await page.goto(`${api()}/health`);
    const outcome = await page.evaluate(() =>
      fetch("http://example.invalid/x").then(
        () => "reached",
        () => "blocked",
      ),
    );
    expect(outcome).toBe("blocked");
    // The harness recorded it; take it back out so this test's own check passes.
    expect(session().offHost.splice(0)).toEqual(["http://example.invalid/x"]);
    session().problems.splice(0); // the failed fetch logs a console error
    await page.close();
  });
});
