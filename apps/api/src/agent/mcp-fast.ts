import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import type { Context } from "hono";
import type { ToolContext } from "./args";
import { callTool } from "./mcp";
import { toolByName } from "./registry";

/**
 * The hot MCP request — one plain `tools/call` — answered without building an SDK server for it.
 *
 * Why: on a cache hit the SDK's per-request machinery (a server with eight registered tools, a
 * transport, zod validation of every JSON-RPC message in and out, the tool's schema checked twice)
 * cost several times the search itself (bench/api-mcp.ts). The endpoint is stateless, so a single
 * `tools/call` needs no session: we check what the SDK's transport would check (JSON content type, a
 * supported `MCP-Protocol-Version` if one is sent, a well-formed JSON-RPC 2.0 request naming a tool we
 * have) and run the same `callTool` the SDK path runs, answering the same JSON-RPC result. The tool
 * validates its own arguments (same schema, same messages). Anything else — initialize, tools/list,
 * notifications, batches, task requests, unknown tools, anything malformed — returns undefined and
 * goes to the SDK, which stays the authority on the protocol.
 */
export async function fastToolCall(
  c: Context,
  text: string,
  ctx: ToolContext,
  requestId: string,
): Promise<Response | undefined> {
  if (!c.req.header("content-type")?.toLowerCase().startsWith("application/json")) return undefined;
  const version = c.req.header("mcp-protocol-version");
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return undefined;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(message) || message.jsonrpc !== "2.0" || message.method !== "tools/call") return undefined;
  const { id, params } = message;
  if (typeof id !== "string" && !(typeof id === "number" && Number.isInteger(id))) return undefined;
  if (!isObject(params) || typeof params.name !== "string" || "task" in params) return undefined;
  const args = params.arguments;
  if (args !== undefined && !isObject(args)) return undefined;
  const tool = toolByName(params.name);
  if (!tool) return undefined;
  const result = await callTool(tool, args ?? {}, ctx, requestId);
  return c.json({ jsonrpc: "2.0", id, result });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
