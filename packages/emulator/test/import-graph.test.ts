import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

/** Every module of src with the modules it imports (relative `import`/`export … from`, type-only included). */
const importGraph = (): Map<string, string[]> => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  walk(src);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const deps: string[] = [];
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g)) {
      const target = resolve(dirname(file), m[1] as string);
      const found = [target, `${target}.ts`, join(target, "index.ts")].find(
        (c) => existsSync(c) && statSync(c).isFile(),
      );
      if (found) deps.push(found);
    }
    graph.set(file, deps);
  }
  return graph;
};

/** The first import cycle found by depth-first search, as module paths relative to src; null when none. */
const findCycle = (graph: Map<string, string[]>): string[] | null => {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, "open");
    path.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === "open") return [...path.slice(path.indexOf(dep)), dep];
      if (!state.has(dep)) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(file, "done");
    return null;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle.map((f) => relative(src, f));
  }
  return null;
};

describe("module structure", () => {
  it("has no import cycle (type-only imports included)", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(20);
    expect([...graph.values()].flat().length).toBeGreaterThan(40);
    expect(findCycle(graph)).toBeNull();
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    const a = join(src, "a.ts");
    const b = join(src, "b.ts");
    expect(
      findCycle(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual(["a.ts", "b.ts", "a.ts"]);
  });

  it("never imports @doffin/core (the emulator stays independent of it)", () => {
    for (const file of importGraph().keys())
      expect(readFileSync(file, "utf8"), file).not.toMatch(/(?:from|import)\s*\(?\s*["']@doffin\/core/);
  });
});
