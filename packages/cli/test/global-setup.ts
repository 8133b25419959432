import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The tests run the BUILT binary; rebuild it first so they never test a stale bundle. */
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
}
