import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));

describe("help", () => {
  it("documents examples and exit codes on every command", async () => {
    for (const args of [
      [],
      ["search"],
      ["notice"],
      ["changes"],
      ["export"],
      ["codes", "cpv"],
      ["codes", "locations"],
    ]) {
      const r = await runCli([...args, "--help"]);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout, args.join(" ")).toContain("Examples:");
      expect(r.stdout, args.join(" ")).toContain("130  interrupted");
    }
  });

  it("prints help on stderr and exits 2 when the command is missing", async () => {
    for (const args of [[], ["codes"]]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^Usage: doffin/);
      expect(r.stderr).not.toContain("outputHelp");
    }
  });

  it("documents the CSV formula guard in export --help", async () => {
    const r = await runCli(["export", "--help"]);
    expect(r.stdout).toContain("Formula-injection guard");
  });
});

describe("npm package", () => {
  it("packs the bundled binary and nothing from src", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: pkgDir, encoding: "utf8" });
    const [pack] = JSON.parse(out) as { files: { path: string; mode: number }[] }[];
    const paths = (pack?.files ?? []).map((f) => f.path).sort();
    expect(paths).toContain("dist/doffin.js");
    expect(paths).toContain("package.json");
    expect(paths.some((p) => p.startsWith("src/") || p.startsWith("test/"))).toBe(false);
  });

  it("runs from the packed tarball outside the workspace", () => {
    const dir = mkdtempSync(join(tmpdir(), "doffin-cli-pack-"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
      cwd: pkgDir,
      encoding: "utf8",
    });
    const [pack] = JSON.parse(out) as { filename: string }[];
    execFileSync("tar", ["xzf", join(dir, pack?.filename ?? ""), "-C", dir]);
    const version = execFileSync(process.execPath, [join(dir, "package", "dist", "doffin.js"), "--version"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(version.trim()).toBe("0.1.0");
    const manifest = JSON.parse(
      execFileSync("cat", [join(dir, "package", "package.json")], { encoding: "utf8" }),
    ) as {
      bin: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    expect(manifest.bin.doffin).toBe("./dist/doffin.js");
    // Everything is bundled: an npm install of the tarball needs no workspace packages.
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});
