import { CpvNode, EformSection, LocationTreeNode } from "@doffin/core";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";

/**
 * The OpenAPI generator (@asteasolutions/zod-to-openapi) recurses forever on self-referencing zod
 * schemas unless they carry its own ref id, which core's plain-zod schemas (rightly) do not. zod 4's
 * `z.toJSONSchema` handles cycles, so we turn each recursive schema into a component with it, and tag
 * the original schema object in zod's global metadata registry with a `$ref` to that component; the
 * generator copies such metadata verbatim instead of descending into the schema.
 */
const RECURSIVE: Record<string, z.ZodType> = { EformSection, CpvNode, LocationTreeNode };

type Json = Record<string, unknown>;

/** `#` (self) and `#/$defs/X` references rewritten to components. */
function toComponents(name: string, schema: z.ZodType): Record<string, Json> {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    unrepresentable: "any",
    cycles: "ref",
  }) as Json;
  const { $schema: _dialect, $defs, ...root } = json;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v).map(([k, val]) => {
          if (k !== "$ref" || typeof val !== "string") return [k, rewrite(val)];
          if (val === "#") return [k, `#/components/schemas/${name}`];
          return [k, val.replace(/^#\/\$defs\//, `#/components/schemas/${name}_`)];
        }),
      );
    return v;
  };
  const out: Record<string, Json> = { [name]: rewrite(root) as Json };
  for (const [def, s] of Object.entries(($defs ?? {}) as Record<string, unknown>))
    out[`${name}_${def}`] = rewrite(s) as Json;
  return out;
}

let components: Record<string, Json> | undefined;

function prepare(): Record<string, Json> {
  if (components) return components;
  // JSON Schemas first: once tagged, zod would merge the tag into its own output too.
  const built: Record<string, Json> = Object.assign(
    {},
    ...Object.entries(RECURSIVE).map(([name, s]) => toComponents(name, s)),
  );
  for (const [name, schema] of Object.entries(RECURSIVE))
    z.globalRegistry.add(schema, { type: "object", $ref: `#/components/schemas/${name}` } as never);
  components = built;
  return built;
}

/** Idempotent: computes the components once, tags the schemas once, registers them on `registry`. */
export function registerRecursiveSchemas(registry: OpenAPIHono["openAPIRegistry"]): void {
  for (const [name, schema] of Object.entries(prepare())) registry.registerComponent("schemas", name, schema);
}
