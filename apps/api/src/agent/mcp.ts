import { VERSION } from "@doffin/core";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Context } from "hono";
import { type InnerFetch, type RestCaller, restCaller, ToolError } from "./dispatch";
import { TOOLS } from "./registry";

const INSTRUCTIONS =
  "Norwegian public procurement (Doffin) through an open gateway. Start with search_notices or " +
  "search_tenders; open a hit with get_notice. Answers are compact by default (detail='summary', 10 " +
  "items); ask for detail='full' or specific fields when you need more. Every answer stays under " +
  "20,000 characters; when something was cut it says truncated: true and how to continue.";

function toolResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value) }] };
}

function toolError(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}

/** A fresh server per request: the endpoint is stateless, so nothing is shared between calls. */
export function createMcpServer(call: RestCaller, requestId: string | undefined): McpServer {
  const server = new McpServer(
    { name: "doffin-gateway", title: "Doffin gateway", version: VERSION },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
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
      async (args: unknown) => {
        try {
          return toolResult(await tool.run(args, { call, surface: "mcp" }));
        } catch (err) {
          if (err instanceof ToolError) return toolError(`${err.code}: ${err.message}`);
          console.error(
            JSON.stringify({ msg: "mcp tool failed", tool: tool.name, requestId, error: String(err) }),
          );
          return toolError(
            `internal: the ${tool.name} tool failed on our side (request id ${requestId ?? "?"}).`,
          );
        }
      },
    );
  }
  return server;
}

/**
 * Streamable HTTP, stateless, JSON answers (no SSE: every tool answers at once). We read the body
 * through Hono (it may already have been read by middleware) and hand the transport a fresh Request.
 */
export async function handleMcpPost(inner: InnerFetch, c: Context): Promise<Response> {
  const requestId = c.req.header("x-request-id") ?? (c.get("requestId" as never) as string | undefined);
  const server = createMcpServer(restCaller(inner, c), requestId);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  const headers = new Headers(c.req.raw.headers);
  // We always answer with JSON, so a client that only accepts JSON is fine too (curl, simple scripts).
  headers.set("accept", "application/json, text/event-stream");
  const req = new Request(c.req.url, { method: "POST", headers, body: await c.req.text() });
  try {
    const res = await transport.handleRequest(req);
    // Read the body before closing, so closing the transport cannot cut a response short.
    const body = await res.text();
    return new Response(body || null, { status: res.status, headers: res.headers });
  } finally {
    await server.close();
  }
}
