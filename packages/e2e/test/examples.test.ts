import { describe, expect, it } from "vitest";
import { extractExamples, rewritePorts, splitComment } from "../src/examples";
import { judge, statusesShown } from "../src/verdict";

describe("example extraction", () => {
  const md = [
    "Intro",
    "<!-- example: demo -->",
    "```bash",
    "API=http://127.0.0.1:8787",
    'curl -s "$API/v1/notices?q=a#b"   # 400 with suggestions',
    "# a comment line",
    "curl -s \"$API/mcp\" -H 'accept: x' \\",
    "  -d '{\"a\":1}'",
    "doffin changes --follow   # Ctrl-C to stop",
    "```",
    "```bash",
    "not an example",
    "```",
  ].join("\n");

  it("reads only marked blocks, joins continuations and reads promises from comments", () => {
    const [block, ...rest] = extractExamples("README.md", md);
    expect(rest).toEqual([]);
    expect(block?.examples.map((e) => [e.line, e.command, e.expect, e.skip])).toEqual([
      [4, "API=http://127.0.0.1:8787", { kind: "setup" }, undefined],
      [5, 'curl -s "$API/v1/notices?q=a#b"', { kind: "status", status: 400 }, undefined],
      [7, "curl -s \"$API/mcp\" -H 'accept: x' -d '{\"a\":1}'", { kind: "data" }, undefined],
      [9, "doffin changes --follow", { kind: "data" }, "runs until stopped"],
    ]);
  });

  it("rejects a marker that is not followed by a fence", () => {
    expect(() => extractExamples("R.md", "<!-- example: demo -->\ntext")).toThrow(/must stand right before/);
  });

  it("joins a quoted argument that spans lines", () => {
    const [block] = extractExamples(
      "R.md",
      '<!-- example: demo -->\n```sh\ncurl -d \'{"a":1,\n  "b":2}\' x # ok\n```',
    );
    expect(block?.examples.map((e) => [e.command, e.comment])).toEqual([
      ['curl -d \'{"a":1,\n  "b":2}\' x', "ok"],
    ]);
  });

  it("keeps # inside quotes", () => {
    expect(splitComment(`curl "a#b" 'c # d' # real`)).toEqual({
      code: `curl "a#b" 'c # d'`,
      comment: "real",
    });
  });

  it("rewrites the README ports to the test stack's", () => {
    expect(
      rewritePorts("curl http://127.0.0.1:8790/x http://127.0.0.1:8787", { api: 1, tracker: 2, emulator: 3 }),
    ).toBe("curl http://127.0.0.1:3/x http://127.0.0.1:1");
    expect(
      rewritePorts("curl http://127.0.0.1:8791/_emulator/state", { api: 1, tracker: 2, emulator: 3, nav: 4 }),
    ).toBe("curl http://127.0.0.1:4/_emulator/state");
  });
});

describe("verdict", () => {
  const ok = { stderr: "", exitCode: 0 };
  it("fails empty results, zero totals, error envelopes and tool errors where data was promised", () => {
    expect(judge({ ...ok, stdout: '{"items":[],"total":0}' }, { kind: "data" })).toHaveLength(2);
    expect(
      judge({ ...ok, stdout: '{"error":{"code":"not_found","message":"x"}}' }, { kind: "data" }),
    ).toHaveLength(1);
    const mcp =
      'event: message\ndata: {"result":{"content":[{"type":"text","text":"{\\"hits\\":[]}"}],"isError":true}}';
    expect(judge({ ...ok, stdout: mcp }, { kind: "data" }).length).toBeGreaterThanOrEqual(2);
    expect(judge({ ...ok, stdout: "No notices match (total 0)." }, { kind: "data" })).not.toEqual([]);
    expect(judge({ ...ok, stdout: "" }, { kind: "data" })).toEqual(["printed nothing"]);
    expect(judge({ ...ok, stdout: "", files: { "/t/a.csv": "id,heading\n" } }, { kind: "data" })).toEqual([
      "/t/a.csv holds no data",
    ]);
  });

  it("passes data where data was promised, nested empty lists included", () => {
    expect(
      judge(
        { ...ok, stdout: '{"items":[{"kind":"created","changes":[]}],"facets":{"x":{"items":[]}}}' },
        { kind: "data" },
      ),
    ).toEqual([]);
    expect(judge({ ...ok, stdout: '{"items":[{"id":"1"}],"total":1}' }, { kind: "data" })).toEqual([]);
    expect(judge({ ...ok, stdout: "cache-status: hit" }, { kind: "data" })).toEqual([]);
  });

  it("checks a promised status against envelopes and printed codes", () => {
    expect(statusesShown('{"error":{"code":"invalid_request","message":"m"}}')).toEqual([400]);
    expect(judge({ ...ok, stdout: "304\n" }, { kind: "status", status: 304 })).toEqual([]);
    expect(judge({ ...ok, stdout: '{"items":[]}' }, { kind: "status", status: 400 })).toHaveLength(1);
    expect(judge({ ...ok, exitCode: 7, stdout: "" }, { kind: "data" })[0]).toMatch(/^exited 7/);
  });
});
