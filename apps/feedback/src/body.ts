import { LIMITS } from "@doffin/contracts/feedback";
import type { ErrorIssue } from "@doffin/core";
import { ApiError, readBodyCapped } from "@doffin/http";
import type { MiddlewareHandler } from "hono";

/**
 * Guards a JSON request body before zod sees it. The submission endpoint faces the open internet, so
 * the body is read as bytes with a hard cap (the Content-Length header can lie or be absent), must be
 * UTF-8 JSON (a body that cannot be read at all is a 400), must be an object, must not nest deeper than {@link LIMITS.jsonDepth}, and no string in
 * it (keys included) may hold control characters or lone surrogates.
 *
 * The parsed text is handed to Hono's body cache, so the zod-openapi `json` validator that runs next
 * validates exactly the bytes we checked and the route keeps its OpenAPI request schema.
 */
export const guardedJsonBody = (): MiddlewareHandler => async (c, next) => {
  if (!isJsonContentType(c.req.header("content-type")))
    throw new ApiError("unsupported_media_type", "Send the body as application/json (charset utf-8 if any).");
  const bytes = await readBodyCapped(c.req.raw, LIMITS.bodyBytes);
  const text = decodeUtf8(bytes);
  const value = parseObject(text);
  const issues: ErrorIssue[] = [];
  findBadStrings(value, "body", issues);
  if (issues.length > 0)
    throw new ApiError("invalid_request", "The request contains characters we do not accept; see issues.", {
      issues,
    });
  // Hono caches promises here although the type names the resolved value.
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  await next();
};

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

export const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && JSON_TYPE.test(value.trim());

const invalidJson = (message: string) => new ApiError("invalid_request", message);

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidJson("The request body is not valid UTF-8.");
  }
}

/** Parses after a cheap depth scan, so a deeply nested "JSON bomb" is refused before it is built. */
function parseObject(text: string): Record<string, unknown> {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > LIMITS.jsonDepth)
        throw invalidJson(`The request body nests deeper than ${LIMITS.jsonDepth} levels.`);
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidJson("The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidJson("The request body must be a JSON object.");
  return value as Record<string, unknown>;
}

/** C0 controls except \t and \n, \r unless it starts \r\n, DEL and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_ISSUES = 20;

function checkString(s: string, path: string, issues: ErrorIssue[]): void {
  if (CONTROL.test(s))
    issues.push({ path, message: "control characters other than newline and tab are not allowed" });
  else if (LONE_SURROGATE.test(s)) issues.push({ path, message: "contains an unpaired UTF-16 surrogate" });
}

function findBadStrings(value: unknown, path: string, issues: ErrorIssue[]): void {
  if (issues.length >= MAX_ISSUES) return;
  if (typeof value === "string") checkString(value, path, issues);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) findBadStrings(v, `${path}.${i}`, issues);
  } else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) {
      // JSON.stringify escapes control characters and lone surrogates, so the path we echo is clean.
      const at = `${path}.${JSON.stringify(k).slice(1, -1)}`;
      // `__proto__` would become a prototype, not a key, once zod copies the object.
      if (k === "__proto__") issues.push({ path: at, message: "this key is not allowed" });
      else checkString(k, at, issues);
      findBadStrings(v, at, issues);
    }
}
