import { errorResponse, readBodyCapped } from "@doffin/http";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { serviceCallOf } from "../services/container";
import { ToolError } from "./dispatch";
import { TOOLS, toolByName } from "./registry";
import { inputJsonSchema, type Tool } from "./tool";

/**
 * The REST tool bridge: `POST /v1/tools/{name}` with the JSON body the seed services take, answering
 * in their shapes. Auth headers of the seed services (`X-API-Key`, `Gnist-API-Key`) are accepted and
 * ignored: the gateway is open.
 */

export const ToolListing = z
  .object({
    tools: z.array(
      z.object({
        name: z.string(),
        family: z.enum(["gnistai", "parsebot", "gateway"]),
        title: z.string(),
        description: z.string(),
        endpoint: z.string(),
        inputSchema: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .openapi("ToolListing");

export function listTools(): z.infer<typeof ToolListing> {
  return {
    tools: TOOLS.map((t) => ({
      name: t.name,
      family: t.family,
      title: t.title,
      description: t.description,
      endpoint: `/v1/tools/${t.name}`,
      inputSchema: inputJsonSchema(t),
    })),
  };
}

/** Tool arguments are small JSON objects; 1 MiB is far past any real call (MCP keeps 4 MiB). */
export const BRIDGE_BODY_LIMIT = 1024 * 1024;

/**
 * The body, capped on Content-Length and while streaming (413 `payload_too_large`); an aborted or
 * malformed chunked body is the client's 400 (readBodyCapped throws the ApiError, onError sends it).
 */
async function readBody(c: Context): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyCapped(c.req.raw, BRIDGE_BODY_LIMIT));
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ToolError("invalid_request", "The request body is not valid JSON.");
  }
}

export async function handleToolCall(c: Context<AppEnv>, name: string): Promise<Response> {
  const tool: Tool | undefined = toolByName(name);
  if (!tool)
    return errorResponse(
      c,
      "not_found",
      `No tool named ${JSON.stringify(name)}. Tools: ${TOOLS.map((t) => t.name).join(", ")}.`,
    );
  try {
    const body = await readBody(c);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new ToolError("invalid_request", "The request body must be a JSON object of tool arguments.");
    const result = await tool.run(body, { call: serviceCallOf(c), surface: "bridge", c });
    const res = c.json(tool.wrap(result), 200);
    res.headers.set("cache-control", "no-store");
    return res;
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    return errorResponse(c, err.code, err.message, {
      headers: err.headers,
      issues: err.issues?.map((i) => ({
        path: i.path.startsWith("body.") ? i.path : `body.${i.path}`,
        message: i.message,
      })),
    });
  }
}
