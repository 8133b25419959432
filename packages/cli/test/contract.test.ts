import { parseSearchQuery, resolveSearchQuery, SearchQueryFields } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { cliWording, flagOf } from "../src/errors";
import { EXPORT_FIELDS } from "../src/filters";
import { runInProcess } from "./run-cli";

const cli = runInProcess;

// One bad value per field of the contract. A field added to SearchQuery fails the first test until
// it gets a bad value here (and, through the schema, a flag).
const BAD: Record<string, string> = {
  q: "x".repeat(501),
  type: "TENDER",
  status: "OPEN",
  cpv: "9999*",
  location: "Osloo",
  contract_nature: "BUILDING",
  published_from: "2026-02-30",
  published_to: "2026-13-01",
  sort: "cheapest",
  page: "0",
  limit: "101",
  facets: "maybe",
};
const FIELDS = Object.keys(SearchQueryFields.shape);

/** The contract's own first message for a bad value of one field (validation, then code resolution). */
function contractMessage(field: string, value: string): string {
  const parsed = parseSearchQuery({ [field]: value });
  if (!parsed.ok) return parsed.issues[0]?.message ?? "";
  const resolved = resolveSearchQuery(parsed.query);
  if (!resolved.ok) return resolved.issues[0]?.message ?? "";
  throw new Error(`${field}=${value} is valid in the contract`);
}

describe("the CLI half of the search contract", () => {
  it("has a bad value for every field", () => {
    expect(Object.keys(BAD).sort()).toEqual([...FIELDS].sort());
  });

  it("lists every field of SearchQuery in `doffin search --help`, with the contract's description", async () => {
    const help = await cli(["search", "--help"]);
    expect(help.code).toBe(0);
    for (const field of FIELDS) {
      expect(help.stdout, field).toContain(`${flagOf(field)} <`);
      const description = (
        SearchQueryFields.shape[field as keyof typeof SearchQueryFields.shape].description ?? ""
      )
        .replace(/`/g, "")
        .replace(/\.$/, "");
      expect(help.stdout.replace(/\s+/g, " "), field).toContain(description);
    }
  });

  it("lists the selecting fields in `doffin export --help`", async () => {
    const help = await cli(["export", "--help"]);
    for (const field of EXPORT_FIELDS) expect(help.stdout, field).toContain(`${flagOf(field)} <`);
    for (const own of ["--page", "--limit", "--sort", "--facets"])
      expect(help.stdout).not.toContain(`${own} <`);
  });

  it.each(Object.entries(BAD))(
    "rejects a bad --%s with the contract's message, before any request",
    async (field, value) => {
      // An unreachable gateway: a request would fail with exit 4, so exit 2 proves none was made.
      const r = await cli(["--base-url", "http://127.0.0.1:9", "search", flagOf(field), value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`doffin: ${flagOf(field)}: ${cliWording(contractMessage(field, value))}\n`);
      expect(r.stderr).not.toMatch(/GET \/v1|query\./);
    },
  );

  it("names the flags in cross-field issues", async () => {
    const r = await cli(["search", "--published-from", "2026-10-05", "--published-to", "2026-10-01"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("doffin: --published-from: must not be after --published-to\n");
  });
});
