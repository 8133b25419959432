import { methodNotAllowed } from "@doffin/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { alertFeedsApp } from "./feed-routes";
import { alertsApp } from "./routes";

export { type AlertMatcher, createAlertMatcher } from "./match";
export { type ReminderRun, runAlertReminders } from "./reminders";

/** Which methods each saved-search path takes; any other is a 405 with `Allow`. */
const ALLOWED: Record<string, string[]> = {
  "/v1/searches": ["GET", "HEAD", "POST"],
  "/v1/searches/:id": ["GET", "HEAD", "PATCH", "DELETE"],
  "/v1/searches/:id/matches": ["GET", "HEAD"],
  "/v1/searches/:id/matches/:itemId": ["PATCH"],
  "/v1/searches/:id/feed.atom": ["GET", "HEAD"],
  "/v1/searches/:id/feed.json": ["GET", "HEAD"],
};
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Mounts the saved-search routes (CRUD, matches, feeds) and their 405s on the tracker app.
 * @example registerAlerts(app)
 */
export function registerAlerts(app: OpenAPIHono<AppEnv>): void {
  app.route("/", alertsApp);
  app.route("/", alertFeedsApp);
  for (const [path, allow] of Object.entries(ALLOWED))
    app.on(
      METHODS.filter((m) => !allow.includes(m)),
      path,
      methodNotAllowed(allow),
    );
}
