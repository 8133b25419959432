import { describe, expect, it } from "vitest";
import { addDays, osloDate, osloDayStart, osloOffsetMinutes } from "../src/util/oslo";

describe("Oslo calendar", () => {
  it("dates an instant in Oslo, not UTC", () => {
    expect(osloDate(Date.parse("2026-06-30T21:59:59Z"))).toBe("2026-06-30");
    expect(osloDate(Date.parse("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
    expect(osloDate(Date.parse("2026-12-01T22:30:00Z"))).toBe("2026-12-01");
    expect(osloDate(Date.parse("2026-12-01T23:30:00Z"))).toBe("2026-12-02");
  });

  it("knows the offset in winter and summer", () => {
    expect(osloOffsetMinutes(Date.parse("2026-01-15T12:00:00Z"))).toBe(60);
    expect(osloOffsetMinutes(Date.parse("2026-07-15T12:00:00Z"))).toBe(120);
  });

  it("finds the start of an Oslo day across DST switches", () => {
    expect(new Date(osloDayStart("2026-07-01")).toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(new Date(osloDayStart("2026-12-02")).toISOString()).toBe("2026-12-01T23:00:00.000Z");
    // 2026-03-29 and 2026-10-25 are the switch days; their midnights are before the switch.
    expect(new Date(osloDayStart("2026-03-29")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(new Date(osloDayStart("2026-03-30")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(new Date(osloDayStart("2026-10-25")).toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(new Date(osloDayStart("2026-10-26")).toISOString()).toBe("2026-10-25T23:00:00.000Z");
    for (const day of ["2026-01-01", "2026-03-29", "2026-06-15", "2026-10-25", "2026-12-31"]) {
      expect(osloDate(osloDayStart(day))).toBe(day);
      expect(osloDate(osloDayStart(day) - 1)).toBe(addDays(day, -1));
    }
  });

  it("adds calendar days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
