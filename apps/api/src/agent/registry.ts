import type { Tool } from "./tool";
import { ALERT_TOOLS } from "./tools-alerts";
import { GNISTAI_TOOLS } from "./tools-gnistai";
import { JOB_TOOLS } from "./tools-jobs";
import { OCDS_TOOLS } from "./tools-ocds";
import { ORGANIZATION_TOOLS } from "./tools-organizations";
import { PARSEBOT_TOOLS } from "./tools-parsebot";

/** Every tool, in the order `tools/list` and `GET /v1/tools` show them. */
export const TOOLS: readonly Tool[] = [
  ...GNISTAI_TOOLS,
  ...ORGANIZATION_TOOLS,
  ...PARSEBOT_TOOLS,
  ...JOB_TOOLS,
  ...OCDS_TOOLS,
  ...ALERT_TOOLS,
];

export const toolByName = (name: string): Tool | undefined => TOOLS.find((t) => t.name === name);
