import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgNumberOf } from "../src/transport/organizations";
import { type FakeGateway, makeCorpus, startFakeGateway } from "./fake-gateway";
import { OSLO } from "./fake-organizations";
import { oneErrorLine, runCli } from "./run-cli";

let gw: FakeGateway;
const g = (...args: string[]) => ["--base-url", gw.url, "--rate", "1000", ...args];

beforeAll(async () => {
  gw = await startFakeGateway(makeCorpus([2]));
});
afterAll(() => gw.close());

describe("doffin org", () => {
  it("reads organisation numbers the way people write them", () => {
    expect(orgNumberOf("974760673")).toBe("974760673");
    expect(orgNumberOf("974 760 673")).toBe("974760673");
    expect(orgNumberOf("NO 974 760 673 MVA")).toBe("974760673");
    expect(orgNumberOf("Oslo kommune")).toBeNull();
    expect(orgNumberOf("97476067")).toBeNull();
  });

  it("an org number shows the buyer and the supplier view, sized to the terminal", async () => {
    const r = await runCli(g("org", "NO", "974", "760", "673", "MVA"), { env: { COLUMNS: "100" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Oslo kommune \(974760673\)$/m);
    expect(r.stdout).toContain("As buyer: 12 notices published");
    expect(r.stdout).toMatch(/^YEAR\s+NOTICES\s+BY TYPE$/m);
    expect(r.stdout).toContain("As supplier: 2 awards won");
    expect(r.stdout).toMatch(/2026-10-14\s+2026-100010\s+2,400,000 NOK\s+Akershus fylkeskommune\s+Vinter/);
    for (const line of r.stdout.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(100);
    expect(r.stderr).toContain("--cursor aw-2");
    // 60 columns: the buyer column gives way so the lot title keeps room.
    const narrow = await runCli(g("org", "974760673"), { env: { COLUMNS: "60" } });
    expect(narrow.stdout).toMatch(/^DATE\s+NOTICE\s+VALUE\s+LOT$/m);
    for (const line of narrow.stdout.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(60);
  });

  it("--json prints the gateway's answer as it came", async () => {
    const r = await runCli(g("--json", "org", "974760673"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(OSLO);
  });

  it("a name searches and lists the matches (diacritics ignored)", async () => {
    const r = await runCli(g("org", "kommune"), { env: { COLUMNS: "100" } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ORG NUMBER\s+ROLES\s+NOTICES\s+AWARDS\s+NAME$/);
    expect(lines.slice(1)).toHaveLength(2);
    expect(r.stderr).toContain("--cursor org-2");
    const one = await runCli(g("--json", "org", "tromso", "--role", "buyer"));
    expect(JSON.parse(one.stdout).items.map((h: { name: string }) => h.name)).toEqual(["Tromsø kommune"]);
    const none = await runCli(g("org", "zzz"));
    expect(none.stdout).toContain("No organisations match.");
  });

  it("bad input: usage errors (exit 2) before any request; unknown number exits 3", async () => {
    const before = gw.requests();
    for (const args of [
      ["org", "x"],
      ["org", "12345"],
      ["org", "974760673", "--role", "buyer"],
      ["org", "oslo", "--limit", "0"],
      ["org", "oslo", "--role", "owner"],
    ]) {
      const r = await runCli(g(...args));
      expect(r.code, args.join(" ")).toBe(2);
      expect(oneErrorLine(r.stderr)).toMatch(/^doffin: /);
    }
    expect(gw.requests()).toBe(before);
    const unknown = await runCli(g("org", "999999999"));
    expect(unknown.code).toBe(3);
    expect(oneErrorLine(unknown.stderr)).toBe("doffin: No tracked notice names this organisation");
  });

  it("--direct says it needs a gateway", async () => {
    const r = await runCli(["--direct", "--upstream-url", "http://127.0.0.1:9", "org", "974760673"]);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toContain("`doffin org` needs a gateway");
  });
});
