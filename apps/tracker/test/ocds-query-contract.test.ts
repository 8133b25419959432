import { ErrorEnvelope, OcdsReleasesQuery } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { get } from "./feed-helpers";

/**
 * `/ocds/releases` validates with core's OCDS query contract, the object the CLI derives its flags and
 * checks from (packages/cli/test/ocds.test.ts runs the same values): a malformed value gets the
 * contract's message here, in `issues`, as `doffin ocds` prints it after the flag.
 */
const BAD: [string, string][] = [
  ["year", "26"],
  ["cpv", "abc"],
  ["tag", "tendr"],
  ["contract_type", "food"],
  ["award_criteria", "cheap"],
  ["buyer_country", "NOR"],
  ["date_from", "yesterday"],
  ["buyer", "x"],
  ["page_size", "1001"],
];

describe("OCDS query contract shared with the CLI", () => {
  it.each(BAD)("%s=%s → 400 with the contract's message", async (param, value) => {
    const expected = OcdsReleasesQuery.safeParse({ [param]: value }).error?.issues[0]?.message;
    expect(expected).toBeTruthy();
    const res = await get(`/ocds/releases?${new URLSearchParams({ [param]: value })}`);
    expect(res.status).toBe(400);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.issues).toEqual([{ path: `query.${param}`, message: expected }]);
  });
});
