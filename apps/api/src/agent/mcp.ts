import { VERSION } from "@doffin/core";
import { ApiError, readBodyCapped, requestIdOf } from "@doffin/http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { serviceCallOf } from "../services/container";
import type { ToolContext } from "./args";
import { serialized } from "./budget";
import { ToolError } from "./dispatch";
import { fastToolCall } from "./mcp-fast";
import { TOOLS } from "./registry";
import type { Tool } from "./tool";

const INSTRUCTIONS =
  "Norwegian public procurement (Doffin) through an open gateway. Start with search_notices or " +
  "search_tenders; open a hit with get_notice. Answers are compact by default (detail='summary', 10 " +
  "items); ask for detail='full' or specific fields when you need more. Every answer stays under " +
  "20,000 characters; when something was cut it says truncated: true and how to continue.";

function toolResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: serialized(value) }] };
}

function toolError(text: string, meta?: Record<string, unknown>): CallToolResult {
  return { isError: true, content: [{ type: "text", text }], ...(meta ? { structuredContent: meta } : {}) };
}

/** `rate_limited: … (retry after 30 s)`: what the bridge sends as a header, told in words over MCP. */
function describeToolError(err: ToolError): CallToolResult {
  const retry = err.headers["retry-after"];
  return toolError(`${err.code}: ${err.message}${retry ? ` (retry after ${retry} s)` : ""}`, {
    error: { code: err.code, status: err.status, ...(retry ? { retryAfter: retry } : {}) },
  });
}

/** Runs one tool for MCP: its answer as text, or its failure as an `isError` result. */
export async function callTool(
  tool: Tool,
  args: unknown,
  ctx: ToolContext,
  requestId: string,
): Promise<CallToolResult> {
  try {
    return toolResult(await tool.run(args, ctx));
  } catch (err) {
    if (err instanceof ToolError) return describeToolError(err);
    console.error(JSON.stringify({ msg: "mcp tool failed", tool: tool.name, requestId, error: String(err) }));
    return toolError(`internal: the ${tool.name} tool failed on our side (request id ${requestId}).`);
  }
}

/**
 * One JSON Schema validator per isolate: the SDK builds a new Ajv (vocabularies, meta-schemas) for
 * every server otherwise, which cost more than the whole tool call on a cache hit. It holds no
 * per-request state, so sharing it keeps the servers independent.
 */
let validator: AjvJsonSchemaValidator | undefined;
const sharedValidator = (): AjvJsonSchemaValidator => {
  validator ??= new AjvJsonSchemaValidator();
  return validator;
};

/** A fresh server per request: the endpoint is stateless, so nothing is shared between calls. */
export function createMcpServer(ctx: ToolContext, requestId: string): McpServer {
  const server = new McpServer(
    { name: "doffin-gateway", title: "Doffin gateway", version: VERSION },
    {
      capabilities: { tools: {} },
      instructions: INSTRUCTIONS,
      jsonSchemaValidator: sharedValidator(),
    },
  );
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: tool.name !== "report_feedback", openWorldHint: true },
      },
      (args: unknown) => callTool(tool, args, ctx, requestId),
    );
  }
  return server;
}

/** The SDK transport's own limit for a JSON-RPC message, kept (and checked while streaming). */
export const MCP_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Streamable HTTP, stateless, JSON answers (no SSE: every tool answers at once). We read the body
 * ourselves (capped), answer a plain tools/call directly (mcp-fast.ts) and hand anything else to the
 * SDK transport as a fresh Request.
 */
export async function handleMcpPost(c: Context<AppEnv>): Promise<Response> {
  const requestId = requestIdOf(c);
  const ctx: ToolContext = { call: serviceCallOf(c), surface: "mcp", c };
  let text: string;
  try {
    text = new TextDecoder().decode(await readBodyCapped(c.req.raw, MCP_BODY_LIMIT));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // A JSON-RPC client reads JSON-RPC errors: no id could be read, so `id: null` (JSON-RPC 2.0 §5).
    return c.json(
      { jsonrpc: "2.0", id: null, error: { code: -32600, message: err.message } },
      err.code === "payload_too_large" ? 413 : 400,
    );
  }
  const fast = await fastToolCall(c, text, ctx, requestId);
  if (fast) return fast;
  const server = createMcpServer(ctx, requestId);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  const headers = new Headers(c.req.raw.headers);
  // We always answer with JSON, so a client that only accepts JSON is fine too (curl, simple scripts).
  headers.set("accept", "application/json, text/event-stream");
  const req = new Request(c.req.url, { method: "POST", headers, body: text });
  try {
    const res = await transport.handleRequest(req);
    // Read the body before closing, so closing the transport cannot cut a response short.
    const body = await res.text();
    return new Response(body || null, { status: res.status, headers: res.headers });
  } finally {
    await server.close();
  }
}
