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
  // A file can also fail outside its tests (a hook that threw or timed out: its tests are then only
  // "skipped"); count such a file as one failure, or the closing line would say green for a red run.
  for (const file of r.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (file.status === "failed" && failedTests === 0) brokenSuites += 1;
  }
  console.error(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (brokenSuites > 0) {
  console.error(`${brokenSuites} test file(s) failed outside their tests (load error, hook failure)`);
  failed += brokenSuites;
}
const checksFailed = Number(process.env.CHECKS_FAILED ?? 0);
if (checksFailed > 0) {
  console.error(`${checksFailed} check(s) failed (lint, type-check or build): see above`);
  failed += checksFailed;
}
// A test task that exited non-zero must show as a failure even if every report it left reads green
// (a runner that crashed after writing its JSON, or before writing one at all).
if (Number(process.env.TASKS_FAILED ?? 0) > 0 && failed === 0) {
  console.error("a test task failed although its reports show no failed test: see the output above");
  failed += 1;
}
if (passed + failed === 0) {
  console.error("no test results found");
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
