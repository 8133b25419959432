import { createRoute } from "@hono/zod-openapi";
import { newRouter } from "../router";
import { Health } from "../schemas";

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["feedback"],
  summary: "Liveness of the feedback Worker",
  responses: { 200: { description: "Up", content: { "application/json": { schema: Health } } } },
});

export const healthRoutes = newRouter().openapi(health, (c) =>
  c.json({ status: "ok", service: "feedback" } as const, 200),
);
