import { z } from "zod";
import type { ToolContext } from "./args";
import { type Rename, ToolError, toToolError } from "./dispatch";

/** gnistai / parsebot: drop-ins for those services; gateway: tools of our own. */
export type ToolFamily = "gnistai" | "parsebot" | "gateway";

/** A tool as both surfaces see it: the MCP server registers it, the REST bridge dispatches to it. */
export type Tool = {
  name: string;
  family: ToolFamily;
  title: string;
  description: string;
  input: z.ZodObject;
  /** Validates the raw arguments, then runs. Throws ToolError for anything the caller can fix. */
  run: (raw: unknown, ctx: ToolContext) => Promise<Record<string, unknown>>;
  /** How the REST bridge wraps the result (Parse.bot answers `{ data: ... }`). */
  wrap: (result: Record<string, unknown>) => Record<string, unknown>;
};

const identity = (r: Record<string, unknown>) => r;
export const wrapData = (r: Record<string, unknown>) => ({ data: r });

/** `limit` + `must be between 1 and 100` → `limit must be between 1 and 100` (once). */
const named = (path: string, message: string) =>
  path === "" || message.startsWith(path) ? message : `${path} ${message}`;

export function defineTool<S extends z.ZodObject>(def: {
  name: string;
  family: ToolFamily;
  title: string;
  description: string;
  input: S;
  /** Service and sibling parameter names → this tool's, for the issues of a failed call. */
  rename?: Rename;
  run: (args: z.output<S>, ctx: ToolContext) => Promise<Record<string, unknown>>;
  wrap?: (result: Record<string, unknown>) => Record<string, unknown>;
}): Tool {
  return {
    name: def.name,
    family: def.family,
    title: def.title,
    description: def.description,
    input: def.input,
    wrap: def.wrap ?? identity,
    run: async (raw, ctx) => {
      const parsed = def.input.safeParse(raw ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => {
          // The parameter is the path (as in the search contract): `cpv_code`, not `cpv_code.0`.
          const path = i.path.length > 0 ? String(i.path[0]) : "";
          return { path: path || "(arguments)", message: named(path, i.message) };
        });
        throw new ToolError(
          "invalid_request",
          `Invalid arguments for ${def.name}:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join("\n")}`,
          { issues },
        );
      }
      try {
        return await def.run(parsed.data, ctx);
      } catch (err) {
        throw await toToolError(ctx.c, err, def.rename);
      }
    },
  };
}

/** The JSON Schema of a tool's input as clients send it (zod 4's own converter). */
export const inputJsonSchema = (tool: Tool): Record<string, unknown> =>
  z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
