/**
 * The API Worker's real budget object, alone, as the `doffin-api` Worker of the tracker's test pool (the
 * tracker binds the class by script_name; vitest.config.ts bundles this file as an auxiliary Worker).
 */
export { UpstreamBudget } from "../../api/src/upstream/budget-object";

export default {
  fetch: () => new Response("budget host: Durable Object only", { status: 404 }),
};
