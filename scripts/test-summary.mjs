// Adds up every vitest JSON report under apps/* and packages/* and prints "N passed, N failed".
// Exits 1 when a test failed, a suite failed to load, or no test ran at all.
import { existsSync, readdirSync, readFileSync } from "node:fs";

const reports = [];
for (const top of ["apps", "packages"]) {
  for (const pkg of existsSync(top) ? readdirSync(top) : []) {
    for (const name of [".vitest-result.json", ".vitest-node-result.json"]) {
      const file = `${top}/${pkg}/${name}`;
      if (existsSync(file)) reports.push(file);
    }
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
for (const file of reports) {
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A test file that failed to load (syntax/import error) has no assertions but counts as failed.
  for (const file of r.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) brokenSuites += 1;
  }
  console.error(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (brokenSuites > 0) {
  console.error(`${brokenSuites} test file(s) failed to run`);
  failed += brokenSuites;
}
const checksFailed = Number(process.env.CHECKS_FAILED ?? 0);
if (checksFailed > 0) {
  console.error(`${checksFailed} check(s) failed (lint, type-check or build): see above`);
  failed += checksFailed;
}
if (passed + failed === 0) {
  console.error("no test results found");
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
