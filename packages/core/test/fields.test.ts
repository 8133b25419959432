import { describe, expect, it } from "vitest";
import { parseFields, projectFields } from "../src/domain/fields";

const VALID = ["id", "heading", "deadline", "buyers"];

describe("fields projection", () => {
  it("keeps id, drops duplicates, keeps the object's own order", () => {
    expect(parseFields("deadline, heading,deadline", VALID)).toEqual({
      ok: true,
      fields: ["id", "deadline", "heading"],
    });
    expect(parseFields(undefined, VALID)).toEqual({ ok: true, fields: null });
    const item = { id: "2026-1", heading: "h", deadline: null, buyers: [] };
    expect(projectFields(item, ["id", "deadline"])).toEqual({ id: "2026-1", deadline: null });
  });

  it("names unknown and empty fields and lists the valid ones", () => {
    const bad = parseFields("heading,colour,", VALID);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issue.path).toBe("fields");
    expect(bad.issue.message).toBe(
      'unknown field "colour", ""; use a comma list of id, heading, deadline, buyers',
    );
    expect(parseFields("x".repeat(1001), VALID).ok).toBe(false);
  });
});
