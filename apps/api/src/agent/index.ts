import { errorResponses as sharedErrorResponses } from "@doffin/contracts/errors";
import { methodNotAllowed } from "@doffin/http";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { handleToolCall, listTools, ToolListing } from "./bridge";
import { handleMcpPost } from "./mcp";
import { TOOLS } from "./registry";
import type { ToolFamily } from "./tool";

export { ToolError } from "./dispatch";
export { TOOLS } from "./registry";
export type { Tool } from "./tool";

const errorResponses = sharedErrorResponses(["invalid_request", "not_found", "upstream_error"], {
  invalid_request: "Bad arguments (each bad field in `issues`).",
  not_found: "Unknown tool or notice.",
  upstream_error: "Doffin failed and nothing was cached.",
});

const authHeaders = z.object({
  "x-api-key": z
    .string()
    .optional()
    .openapi({ description: "Parse.bot's key header: accepted and ignored (open gateway)." }),
  "gnist-api-key": z
    .string()
    .optional()
    .openapi({ description: "GnistAI's key header: accepted and ignored (open gateway)." }),
});

/**
 * Mounts the agent surfaces on the API app and documents them in its OpenAPI registry:
 * `POST /mcp` (405 for GET/DELETE: stateless, no SSE stream), `GET /v1/tools`, `POST /v1/tools/{name}`.
 * Tools call the services behind the REST routes directly (services/*), never the app's own router, so
 * one search is validated once and a tool error never makes an HTTP round trip.
 */
export function registerAgentSurfaces(app: OpenAPIHono<AppEnv>): void {
  app.post("/mcp", (c) => handleMcpPost(c));
  // After the POST route, so only the other methods reach it (Hono matches in registration order).
  app.all("/mcp", methodNotAllowed(["POST"]));
  app.get("/v1/tools", (c) => c.json(listTools()));
  app.post("/v1/tools/:name", (c) => handleToolCall(c, c.req.param("name")));

  const registry = app.openAPIRegistry;
  registry.registerPath({
    method: "post",
    path: "/mcp",
    tags: ["Agents"],
    summary: "MCP server (Streamable HTTP, stateless, JSON responses)",
    description:
      "JSON-RPC 2.0 per the Model Context Protocol. Send `Accept: application/json, text/event-stream`. " +
      `Tools: ${TOOLS.map((t) => t.name).join(", ")}. GET and DELETE answer 405 (no sessions, no SSE stream).`,
    request: {
      body: {
        content: {
          "application/json": {
            schema: z.object({
              jsonrpc: z.literal("2.0"),
              id: z.union([z.string(), z.number()]).optional(),
              method: z.string(),
              params: z.record(z.string(), z.unknown()).optional(),
            }),
            example: {
              jsonrpc: "2.0",
              id: 1,
              method: "tools/call",
              params: { name: "search_notices", arguments: { text: "IKT", location: "NO081" } },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: "JSON-RPC response.",
        content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
      },
      202: { description: "Accepted (notifications only)." },
      ...sharedErrorResponses(["method_not_allowed"], {
        method_not_allowed: "GET/DELETE: the server is stateless.",
      }),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/v1/tools",
    tags: ["Agents"],
    summary: "List the tools with their JSON Schemas",
    responses: {
      200: { description: "The tools.", content: { "application/json": { schema: ToolListing } } },
    },
  });
  // One documented path per tool, so each shows its own request schema; all are served by /v1/tools/{name}.
  for (const tool of TOOLS)
    registry.registerPath({
      method: "post",
      path: `/v1/tools/${tool.name}`,
      tags: [TOOL_TAG[tool.family]],
      summary: tool.title,
      description: `${tool.description}${tool.family === "parsebot" ? " Answers are wrapped as `{ data: ... }`." : ""}`,
      request: {
        headers: authHeaders,
        body: {
          required: false,
          content: { "application/json": { schema: tool.input, example: EXAMPLES[tool.name] } },
        },
      },
      responses: {
        200: {
          description: "The tool's answer.",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        },
        ...errorResponses,
      },
    });
}

/** Request examples from the seed services' documentation (valid against today's code lists). */
const TOOL_TAG: Record<ToolFamily, string> = {
  gnistai: "Tools (GnistAI compatible)",
  parsebot: "Tools (Parse.bot compatible)",
  gateway: "Tools (gateway)",
};

const EXAMPLES: Record<string, Record<string, unknown>> = {
  // GnistAI documents location NO03, a NUTS 2016 code; the gateway would answer it with suggestions.
  search_notices: { text: "IKT", location: "NO081" },
  get_notice: { notice_id: "2026-107918" },
  get_doffin_changes: { since: "2026-11-20T00:00:00Z", limit: 50 },
  report_feedback: {
    feedback: "The deadline shown differs from the notice PDF.",
    feedback_type: "data_error",
    notice_id: "2026-107918",
  },
  search_tenders: { page: "1", limit: "5", query: "IT", statuses: "ACTIVE" },
  get_tender_detail: { tender_id: "2026-107918" },
  get_cpv_codes: { query: "programvare" },
  get_location_codes: {},
  search_releases: { buyer: "974760673", year: "2026", tag: "award", limit: 5 },
  get_ocds_record: { ocid: "ocds-xxxxxx-53f57476-0532-42a2-9639-ddc515a05d26" },
};
