import { expect, it } from "vitest";
import { VERSION } from "./index";

it("has a version", () => {
  expect(VERSION).toMatch(/^\d+\.\d+\.\d+$/);
});
