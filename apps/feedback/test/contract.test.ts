import {
  feedbackRoutes,
  listFeedbackRoute,
  OPERATOR_TOKEN_SCHEME,
  submitFeedbackRoute,
  updateFeedbackRoute,
} from "@doffin/contracts/feedback";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";

const info = { title: "t", version: "1" };

/** The document the API Worker builds for these paths: the contract routes on an app of their own. */
function contractDocument() {
  const app = new OpenAPIHono();
  for (const route of feedbackRoutes) app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorToken", OPERATOR_TOKEN_SCHEME);
  return app.getOpenAPI31Document({ openapi: "3.1.0", info });
}

type RouteDefinition = { type: string; route?: Record<string, unknown> };

describe("the feedback Worker serves the contract routes", () => {
  it("registers the very contract objects (request and responses are the same objects)", () => {
    const registered = (createApp().openAPIRegistry.definitions as RouteDefinition[])
      .filter((d) => d.type === "route")
      .map((d) => d.route ?? {});
    for (const contract of [submitFeedbackRoute, listFeedbackRoute, updateFeedbackRoute]) {
      const mine = registered.find((r) => r.method === contract.method && r.path === contract.path);
      expect(mine, `${contract.method} ${contract.path}`).toBeDefined();
      expect(mine?.request).toBe(contract.request);
      expect(mine?.responses).toBe(contract.responses);
      // The Worker's middleware (auth, rate limit, body guard) is not part of what gets documented.
      expect(mine).not.toHaveProperty("middleware");
    }
  });

  it("generates the same paths and components as the API document's feedback part", () => {
    const worker = createApp().getOpenAPI31Document({ openapi: "3.1.0", info });
    const api = contractDocument();
    expect(Object.keys(api.paths ?? {}).sort()).toEqual(["/v1/feedback", "/v1/feedback/{id}"]);
    for (const path of Object.keys(api.paths ?? {})) expect(worker.paths?.[path]).toEqual(api.paths?.[path]);
    for (const [name, schema] of Object.entries(api.components?.schemas ?? {}))
      expect(worker.components?.schemas?.[name], name).toEqual(schema);
    expect(worker.components?.securitySchemes).toEqual(api.components?.securitySchemes);
  });
});
