/** Request counters per route and per route+status, for tests and the control API. */
export const createStats = () => {
  let byRoute: Record<string, number> = {};
  let byStatus: Record<string, number> = {};
  return {
    record(route: string, status: number) {
      byRoute[route] = (byRoute[route] ?? 0) + 1;
      byStatus[`${route} ${status}`] = (byStatus[`${route} ${status}`] ?? 0) + 1;
    },
    snapshot: () => ({
      byRoute: { ...byRoute },
      byStatus: { ...byStatus },
      total: Object.values(byRoute).reduce((a, b) => a + b, 0),
    }),
    reset() {
      byRoute = {};
      byStatus = {};
    },
  };
};
export type Stats = ReturnType<typeof createStats>;
