import { describe, expect, it } from "vitest";
import { ChangesQuery, KindsParam, NoQuery, SinceParam } from "../src/index";

const issues = (input: unknown) => {
  const r = ChangesQuery.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
};

describe("ChangesQuery", () => {
  it("reads since as a timestamp or as the start of an Oslo day", () => {
    expect(SinceParam.parse("2026-12-01")).toBe("2026-11-30T23:00:00.000Z");
    expect(SinceParam.parse("2026-07-01")).toBe("2026-06-30T22:00:00.000Z");
    expect(SinceParam.parse("2026-07-01T08:00:00+02:00")).toBe("2026-07-01T06:00:00.000Z");
    expect(SinceParam.safeParse("2026-02-29").success).toBe(false);
    expect(SinceParam.safeParse("yesterday").success).toBe(false);
    // Shaped like a day but no day at all: a clean issue, not a RangeError (which was a 500).
    for (const bad of ["2026-13-01", "2026-00-10", "2026-12-32"])
      expect(SinceParam.safeParse(bad).success, bad).toBe(false);
  });

  it("takes kinds repeated or comma-separated, sorted and unique", () => {
    expect(KindsParam.parse(["cancelled", "awarded,cancelled"])).toEqual(["awarded", "cancelled"]);
    expect(KindsParam.safeParse("cancelled,exploded").success).toBe(false);
    expect(KindsParam.safeParse(",").success).toBe(false);
  });

  it("defaults, folds equal repeats and refuses conflicting ones", () => {
    expect(ChangesQuery.parse({})).toEqual({ limit: 50, order: "asc" });
    expect(ChangesQuery.parse({ limit: ["5", "5"], order: "desc" })).toEqual({ limit: 5, order: "desc" });
    expect(issues({ limit: ["5", "6"] })).toEqual([
      ["limit", "given 2 times with different values; give it once"],
    ]);
    expect(issues({ kind: "created", exclude_kind: "created" })).toEqual([
      ["exclude_kind", "created given in both kind and exclude_kind"],
    ]);
  });

  it("refuses unknown parameters, naming them", () => {
    expect(issues({ sinse: "2026-12-01" })[0]?.[1]).toContain('unknown parameter "sinse"');
    expect(NoQuery.safeParse({}).success).toBe(true);
    expect(NoQuery.safeParse({ verbose: "1" }).error?.issues[0]?.message).toContain('"verbose"');
  });
});
