/** The control API under `/_emulator`: clock, mutations, token, faults, WAF, stats and the search truth. */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { NavEmulator } from "./emulator";
import { NavFaultSpec } from "./faults";
import { matchAll } from "./search";

const Clock = z.object({ now: z.string().optional(), advanceMs: z.number().int().min(0).optional() });
const Publish = z
  .object({
    title: z.string().optional(),
    county: z.string().optional(),
    municipal: z.string().optional(),
    source: z.string().optional(),
    published: z.string().optional(),
    expires: z.string().optional(),
  })
  .strict();
const Patch = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    expires: z.string().optional(),
    applicationDue: z.string().optional(),
    extent: z.string().optional(),
    remote: z.string().nullable().optional(),
    engagementtype: z.string().optional(),
  })
  .strict();
const Waf = z.object({
  enabled: z.boolean().optional(),
  burst: z.number().int().min(1).optional(),
  windowMs: z.number().int().min(1).optional(),
  blockMs: z.number().int().min(0).optional(),
  retryAfter: z.boolean().optional(),
});

const body = async <T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T> | Response> => {
  const raw = await c.req.json().catch(() => ({}));
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : c.json({ error: "invalid body", issues: parsed.error.issues }, 400);
};

const time = (iso: string | undefined): number | undefined => (iso == null ? undefined : Date.parse(iso));

export const controlRoutes = (emu: NavEmulator): Hono => {
  const app = new Hono();
  const w = () => emu.world;
  const result = (c: Context, r: { ad: { uuid: string }; line: { pageItemId: string } | null } | null) =>
    r == null
      ? c.json({ error: "unknown ad" }, 404)
      : c.json({ uuid: r.ad.uuid, lineId: r.line?.pageItemId ?? null });

  app.get("/health", (c) => c.json({ ok: true }));
  app.get("/state", (c) =>
    c.json({
      now: new Date(w().now).toISOString(),
      ads: w().ads.size,
      lines: w().lines.length,
      token: w().token,
      seed: w().seed,
    }),
  );
  app.get("/stats", (c) => c.json(emu.stats.snapshot()));
  app.post("/stats/reset", (c) => {
    emu.stats.reset();
    return c.json({ ok: true });
  });
  app.post("/clock", async (c) => {
    const b = await body(c, Clock);
    if (b instanceof Response) return b;
    const target = b.now != null ? Date.parse(b.now) : w().now + (b.advanceMs ?? 0);
    if (Number.isNaN(target)) return c.json({ error: "unreadable now" }, 400);
    return c.json({ now: new Date(w().setNow(target)).toISOString() });
  });
  app.get("/ads/:uuid", (c) => {
    const ad = w().ads.get(c.req.param("uuid"));
    return ad ? c.json(ad) : c.json({ error: "unknown ad" }, 404);
  });
  app.post("/ads", async (c) => {
    const b = await body(c, Publish);
    if (b instanceof Response) return b;
    const { county, municipal, published, expires, ...rest } = b;
    const overrides = {
      ...rest,
      ...(published ? { published: time(published) } : {}),
      ...(expires ? { expires: time(expires) } : {}),
      ...(county && municipal
        ? {
            locations: [
              { country: "NORGE", address: null, city: municipal, postalCode: "0150", county, municipal },
            ],
          }
        : {}),
    };
    return result(c, w().publish(overrides));
  });
  app.post("/ads/:uuid/update", async (c) => {
    const b = await body(c, Patch);
    if (b instanceof Response) return b;
    const { expires, remote, ...rest } = b;
    return result(
      c,
      w().update(c.req.param("uuid"), {
        ...rest,
        ...(expires ? { expires: time(expires) } : {}),
        ...(remote !== undefined ? { remote } : {}),
      }),
    );
  });
  app.post("/ads/:uuid/expire", (c) => result(c, w().expire(c.req.param("uuid"))));
  app.post("/ads/:uuid/withdraw", (c) => result(c, w().withdraw(c.req.param("uuid"))));
  app.post("/token/rotate", (c) => c.json({ token: w().rotateToken() }));
  app.post("/token", async (c) => {
    const b = await body(c, z.object({ available: z.boolean() }));
    if (b instanceof Response) return b;
    w().setTokenAvailable(b.available);
    return c.json({ token: w().token });
  });
  app.get("/faults", (c) => c.json(emu.faults.list()));
  app.post("/faults", async (c) => {
    const b = await body(c, NavFaultSpec);
    if (b instanceof Response) return b;
    return c.json(emu.faults.add(b), 201);
  });
  app.delete("/faults", (c) => {
    emu.faults.clear();
    return c.json({ ok: true });
  });
  app.get("/waf", (c) => c.json(emu.waf.settings));
  app.post("/waf", async (c) => {
    const b = await body(c, Waf);
    if (b instanceof Response) return b;
    emu.waf.configure(b);
    return c.json(emu.waf.settings);
  });
  app.post("/waf/reset", (c) => {
    emu.waf.reset();
    return c.json({ ok: true });
  });
  // The search's full ordered answer (uuids), for tests that check pages against it.
  app.get("/truth/search", (c) => {
    const all = matchAll(w(), new URL(c.req.url).searchParams);
    return c.json({ total: all.length, uuids: all.map((a) => a.uuid) });
  });
  return app;
};
