import { BudgetView } from "@doffin/core";
import { createRouter } from "@doffin/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import type { Services } from "../services/container";
import { budgetSnapshot } from "../upstream/source";

export const PROBE_TTL_MS = 30_000;
const PROBE_TIMEOUT_MS = 2_000;

export const HealthBody = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string(),
    upstream: z.object({
      kind: z.enum(["webclient", "public-api"]),
      baseUrl: z.string(),
      reachable: z.boolean(),
      latencyMs: z.number().nullable(),
      checkedAt: z.string(),
      message: z.string(),
    }),
    budget: BudgetView,
  })
  .openapi("Health", {
    example: {
      status: "ok",
      version: "0.1.0",
      upstream: {
        kind: "webclient",
        baseUrl: "https://api.doffin.no",
        reachable: true,
        latencyMs: 84,
        checkedAt: "2026-11-23T12:00:00.000Z",
        message: "Doffin answered.",
      },
      budget: {
        "doffin-webclient": {
          limit: 28,
          windowMs: 11_000,
          reserve: 10,
          left: 25,
          granted: { interactive: 3, background: 0 },
          refused: { interactive: 0, background: 0 },
        },
      },
    },
  });
export type HealthBody = z.infer<typeof HealthBody>;

export const healthRoute = createRoute({
  tags: ["Operations"],
  method: "get",
  path: "/health",
  summary: "Liveness, upstream reachability and build version",
  responses: {
    200: {
      content: { "application/json": { schema: HealthBody } },
      description: "Always 200 while the Worker runs; `status` says whether Doffin answers.",
    },
  },
});

type Probe = HealthBody["upstream"];
const probes = new WeakMap<Services, { at: number; probe: Promise<Probe> }>();

/** Any HTTP answer from the upstream host counts as reachable; only network errors and timeouts do not. */
async function probeUpstream(s: Services): Promise<Probe> {
  const started = s.now();
  const base = s.config.UPSTREAM_BASE_URL;
  const common = { kind: s.config.UPSTREAM_KIND, baseUrl: base, checkedAt: new Date(started).toISOString() };
  try {
    const res = await s.fetch(new URL("/", base).toString(), {
      method: "GET",
      signal: AbortSignal.timeout(Math.min(PROBE_TIMEOUT_MS, s.config.UPSTREAM_TIMEOUT_MS)),
    });
    await res.body?.cancel();
    return { ...common, reachable: true, latencyMs: s.now() - started, message: "Doffin answered." };
  } catch {
    return {
      ...common,
      reachable: false,
      latencyMs: null,
      message: `Doffin (${base}) cannot be reached from here; cached answers are still served. For a fully offline gateway run \`npm run demo\` (starts the Doffin emulator).`,
    };
  }
}

export const healthApp = createRouter<AppEnv>().openapi(healthRoute, async (c) => {
  const s = c.get("services");
  let cached = probes.get(s);
  if (!cached || s.now() - cached.at > PROBE_TTL_MS) {
    cached = { at: s.now(), probe: probeUpstream(s) };
    probes.set(s, cached);
  }
  const [upstream, budget] = await Promise.all([cached.probe, budgetSnapshot(c.env)]);
  c.header("cache-control", "no-store");
  return c.json(
    {
      status: upstream.reachable ? "ok" : "degraded",
      version: s.config.BUILD_VERSION,
      upstream,
      budget,
    } as const,
    200,
  );
});
