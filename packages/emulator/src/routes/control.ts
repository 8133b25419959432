/** The control API (`/_emulator/*`): never rate limited, never faulted, never counted. */
import { Hono } from "hono";
import { z } from "zod";
import type { Emulator } from "../emulator-types";
import { MutationError } from "../mutations";

const ClockBody = z.union([
  z.object({ set: z.string().refine((v) => !Number.isNaN(Date.parse(v)), "an ISO 8601 date-time") }),
  z.object({ advanceMs: z.number() }),
  z.object({}).strict(),
]);

const fail = (status: 400 | 404 | 409, code: string, message: string, issues?: unknown) =>
  new Response(JSON.stringify({ error: { code, message, ...(issues ? { issues } : {}) } }), {
    status,
    headers: { "content-type": "application/json" },
  });

const body = async (req: Request): Promise<unknown> => {
  const text = await req.text();
  if (text.trim() === "") return {};
  return JSON.parse(text);
};

export const controlRoutes = (emu: Emulator): Hono => {
  const app = new Hono();
  app.onError((err) => {
    if (err instanceof z.ZodError) return fail(400, "invalid_request", "invalid control request", err.issues);
    if (err instanceof SyntaxError) return fail(400, "invalid_json", "the body is not valid JSON");
    if (err instanceof MutationError) {
      const status = err.code === "not_found" ? 404 : err.code === "conflict" ? 409 : 400;
      return fail(status, err.code, err.message);
    }
    return fail(400, "invalid_request", err.message);
  });
  app.get("/health", (c) => c.json(emu.health()));
  app.get("/stats", (c) => c.json(emu.stats()));
  app.post("/stats/reset", (c) => {
    emu.resetStats();
    return c.json(emu.stats());
  });
  app.post("/reset", async (c) => {
    emu.reset((await body(c.req.raw)) as Parameters<Emulator["reset"]>[0]);
    return c.json(emu.health());
  });
  app.get("/clock", (c) => c.json({ now: emu.now() }));
  app.post("/clock", async (c) => {
    const b = ClockBody.parse(await body(c.req.raw));
    if ("set" in b) return c.json({ now: emu.setClock(b.set) });
    if ("advanceMs" in b) return c.json({ now: emu.advanceClock(b.advanceMs) });
    return c.json({ now: emu.now() });
  });
  app.get("/rate-limit", (c) => c.json(emu.rateLimit()));
  app.post("/rate-limit", async (c) =>
    c.json(emu.rateLimit((await body(c.req.raw)) as Parameters<Emulator["rateLimit"]>[0])),
  );
  app.get("/faults", (c) => c.json({ faults: emu.faults() }));
  app.post("/faults", async (c) => {
    const fault = emu.addFault((await body(c.req.raw)) as Parameters<Emulator["addFault"]>[0]);
    return c.json({ id: fault.id });
  });
  app.delete("/faults", (c) => {
    emu.clearFaults();
    return c.json({ cleared: true });
  });
  app.get("/notices/:id", (c) => {
    const record = emu.notice(c.req.param("id"));
    return record ? c.json(record) : fail(404, "not_found", `no notice ${c.req.param("id")}`);
  });
  app.get("/notices/:id/contract", (c) => {
    const contract = emu.contract(c.req.param("id"));
    return contract ? c.json(contract) : fail(404, "not_found", `no notice ${c.req.param("id")}`);
  });
  app.post("/notices", async (c) =>
    c.json(emu.publish((await body(c.req.raw)) as Parameters<Emulator["publish"]>[0]), 201),
  );
  app.post("/notices/:id/mutations", async (c) =>
    c.json(emu.mutate(c.req.param("id"), (await body(c.req.raw)) as Parameters<Emulator["mutate"]>[1])),
  );
  app.notFound(() => fail(404, "not_found", "unknown control route"));
  return app;
};
