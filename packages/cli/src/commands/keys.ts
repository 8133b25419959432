import { Command, Option } from "commander";
import { z } from "zod";
import { usageError } from "../errors";
import { gatewayJson } from "../transport/gateway-json";
import { contextOf, examples, type Io, printJson } from "./shared";

/**
 * `doffin keys create|list|revoke`: the gateway's /v1/admin/keys routes. The operator token comes from
 * DOFFIN_OPERATOR_TOKEN only, never a flag, so it stays out of shell history and `ps`. Scopes and tiers
 * mirror @doffin/contracts/admin (the CLI bundle does not pull in the OpenAPI runtime for two lists);
 * the gateway validates them again and its 400 names any mismatch.
 */
const SCOPES = ["read", "feedback:read", "admin"];
const RATE_LIMITS = ["60", "600", "6000"];

const Key = z.looseObject({
  id: z.string(),
  prefix: z.string(),
  owner: z.string(),
  label: z.string(),
  scopes: z.array(z.string()),
  rateLimit: z.number(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const Created = Key.extend({ key: z.string() });
const KeyList = z.object({ keys: z.array(Key) });

function operatorToken(): string {
  const token = process.env.DOFFIN_OPERATOR_TOKEN?.trim();
  if (!token) throw usageError("set DOFFIN_OPERATOR_TOKEN to the gateway's OPERATOR_TOKEN (or an admin key)");
  return token;
}

async function admin<S extends z.ZodType>(
  cmd: Command,
  method: "GET" | "POST" | "DELETE",
  path: string,
  schema: S,
  body?: unknown,
) {
  const { target } = contextOf(cmd);
  if (target.mode !== "gateway") throw usageError("keys are managed on a gateway; drop --direct");
  return gatewayJson(target, { method, path, body, token: operatorToken() }, schema);
}

const row = (k: z.output<typeof Key>) =>
  [
    k.id,
    k.prefix,
    k.owner,
    k.label || "-",
    k.scopes.join(","),
    k.rateLimit,
    k.revokedAt ? "revoked" : "active",
  ].join("\t");

export function keysCommand(io: Io): Command {
  const keys = new Command("keys")
    .description("manage the gateway's API keys (needs DOFFIN_OPERATOR_TOKEN)")
    .addHelpText(
      "after",
      examples([
        "DOFFIN_OPERATOR_TOKEN=… doffin keys create --owner ops@example.no --label nightly --scope read",
        "doffin keys list --json",
        "doffin keys revoke key_0123456789abcdef",
      ]),
    );
  keys
    .command("create")
    .description("create a key; it is printed once (only its hash is stored)")
    .requiredOption("--owner <who>", "who the key is for (an e-mail, a team)")
    .option("--label <text>", "what it is for", "")
    .addOption(new Option("--scope <scope...>", "scopes (repeatable)").choices(SCOPES).default(["read"]))
    .addOption(new Option("--rate-limit <n>", "requests per minute").choices(RATE_LIMITS))
    .action(async function (
      this: Command,
      o: { owner: string; label: string; scope: string[]; rateLimit?: string },
    ) {
      const body = {
        owner: o.owner,
        label: o.label,
        scopes: o.scope,
        ...(o.rateLimit ? { rateLimit: Number(o.rateLimit) } : {}),
      };
      const k = await admin(this, "POST", "/v1/admin/keys", Created, body);
      if (contextOf(this).json) return printJson(io, k);
      io.stdout(`${k.key}\n`);
      io.stderr(
        `created ${k.id} for ${k.owner} (${k.scopes.join(",")}, ${k.rateLimit}/min). Store the key now: it is not shown again.\n`,
      );
    });
  keys
    .command("list")
    .description("list keys (never the keys themselves)")
    .action(async function (this: Command) {
      const { keys: all } = await admin(this, "GET", "/v1/admin/keys", KeyList);
      if (contextOf(this).json) return printJson(io, all);
      io.stdout(`${["id", "prefix", "owner", "label", "scopes", "per-min", "state"].join("\t")}\n`);
      for (const k of all) io.stdout(`${row(k)}\n`);
    });
  keys
    .command("revoke")
    .description("revoke a key: from then on it is refused (401)")
    .argument("<id>", "the key's id (key_…), from `doffin keys list`")
    .action(async function (this: Command, id: string) {
      const k = await admin(this, "DELETE", `/v1/admin/keys/${encodeURIComponent(id.trim())}`, Key);
      if (contextOf(this).json) return printJson(io, k);
      io.stdout(`revoked ${k.id} (${k.owner})\n`);
    });
  return keys;
}
