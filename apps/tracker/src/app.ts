import { createWorkerApp, methodNotAllowed, withPrettyParameter } from "@doffin/http";
import { registerAlerts } from "./alerts";
import { deliveriesApp } from "./alerts/delivery/routes";
import { configFrom } from "./config";
import type { AppEnv } from "./env";
import { ocdsBulkApp } from "./ocds/bulk/routes";
import { ocdsApp } from "./ocds/routes";
import { changesApp } from "./routes/changes";
import { contractApp } from "./routes/contract";
import { historyApp } from "./routes/history";
import { insightsApp } from "./routes/insights";
import { jobChangesApp } from "./routes/job-changes";
import { organizationsApp } from "./routes/organizations";
import { statusApp } from "./routes/status";

export { changesRoute } from "./routes/changes";
export { historyRoute } from "./routes/history";
export { jobChangesRoute } from "./routes/job-changes";
export { healthRoute, statusRoute } from "./routes/status";

/**
 * The tracker's HTTP side: the change feed, notice histories, contract data, organisations and status.
 * The API Worker forwards these paths here through its `TRACKER` binding.
 * @example createApp().request("/v1/changes?limit=10", {}, env)
 */
export function createApp() {
  const app = createWorkerApp<AppEnv>();
  app.use(async (c, next) => {
    c.set("config", configFrom(c.env as unknown as Record<string, unknown>));
    await next();
  });
  app.route("/", changesApp);
  app.route("/", historyApp);
  app.route("/", jobChangesApp);
  app.route("/", statusApp);
  app.route("/", contractApp);
  app.route("/", organizationsApp);
  app.route("/", insightsApp);
  app.route("/", ocdsApp);
  app.route("/", ocdsBulkApp);
  registerAlerts(app);
  app.route("/", deliveriesApp);
  app.get("/openapi.json", (c) =>
    c.json(
      withPrettyParameter(
        app.getOpenAPI31Document({
          openapi: "3.1.0",
          info: { title: "Doffin change tracker", version: "0.1.0" },
        }),
      ),
    ),
  );
  for (const path of [
    "/v1/changes",
    "/v1/jobs/changes",
    "/v1/notices/:id/history",
    "/v1/notices/:id/contract",
    "/v1/tracker/status",
    "/v1/organizations",
    "/v1/organizations/:orgNumber",
    "/v1/insights",
    "/health",
    "/ocds/releases",
    "/ocds/releases/:id",
    "/ocds/records",
    "/ocds/records/:ocid",
    "/ocds/metadata",
    "/ocds/bulk",
    "/v1/searches/:id/deliveries",
  ])
    app.on(["POST", "PUT", "PATCH", "DELETE"], path, methodNotAllowed(["GET", "HEAD"]));
  return app;
}
