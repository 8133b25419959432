export * from "./public-api";
// Only the schemas from ./shared: its small helpers (optString, hitsOf …) stay internal to the upstream folder.
export {
  UpstreamHitBase,
  UpstreamMoney,
  UpstreamOrganization,
  UpstreamReceivedTenders,
} from "./shared";
export * from "./webclient";
