import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/**
 * axe-core run inside a page. Its source goes in through the DevTools protocol (`page.evaluate`), not a
 * `<script>` tag: the pages' CSP forbids inline scripts, and the test must not loosen the CSP it checks.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: string[];
};

/** Every violation axe finds on the page as it is now (WCAG 2.x A/AA and best practices). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: AxeViolation["impact"];
        help: string;
        nodes: { target: unknown[] }[];
      }[];
    };
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
    }));
  });
}

/** The serious and critical ones (what fails a test); the rest are printed by the caller. */
export const blocking = (vs: readonly AxeViolation[]) =>
  vs.filter((v) => v.impact === "serious" || v.impact === "critical");

export const describeViolations = (vs: readonly AxeViolation[]) =>
  vs.map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} (${v.nodes.join(", ")})`).join("\n");
