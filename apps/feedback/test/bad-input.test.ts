import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { BASE, expectEnvelope, freshIp } from "./helpers";

type Case = {
  name: string;
  body: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  contentType?: string | null;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Expected issue path (when the answer lists issues). */
  path?: string;
};

const json = (v: unknown) => JSON.stringify(v);
const ok = { feedback: "valid text" };
const nested = (depth: number): unknown => (depth === 0 ? "leaf" : { a: nested(depth - 1) });
const streamOf = (bytes: number) => () =>
  new ReadableStream<Uint8Array>({
    start(ctrl) {
      // Several chunks, so the cap has to be enforced while reading, not from one big buffer.
      for (let sent = 0; sent < bytes; sent += 4096) ctrl.enqueue(new TextEncoder().encode(" ".repeat(4096)));
      ctrl.close();
    },
  });

const cases: Case[] = [
  // Content type → 415
  {
    name: "text/plain",
    body: json(ok),
    contentType: "text/plain",
    status: 415,
    code: "unsupported_media_type",
  },
  { name: "no content type", body: json(ok), contentType: null, status: 415, code: "unsupported_media_type" },
  {
    name: "form encoded",
    body: "feedback=x",
    contentType: "application/x-www-form-urlencoded",
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "JSON in latin1",
    body: json(ok),
    contentType: "application/json; charset=latin1",
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "vendor +json",
    body: json(ok),
    contentType: "application/vnd.api+json",
    status: 415,
    code: "unsupported_media_type",
  },
  // Size → 413
  {
    name: "body over 16 KiB",
    body: json({ feedback: "a".repeat(17 * 1024) }),
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "streamed body over 16 KiB, no length",
    body: streamOf(20 * 1024),
    status: 413,
    code: "payload_too_large",
  },
  // Not JSON / not an object → 400
  { name: "truncated JSON", body: '{"feedback": "x"', status: 400, code: "invalid_request" },
  { name: "empty body", body: "", status: 400, code: "invalid_request" },
  { name: "trailing garbage", body: '{"feedback": "x"} x', status: 400, code: "invalid_request" },
  { name: "single quotes", body: "{'feedback': 'x'}", status: 400, code: "invalid_request" },
  { name: "top-level array", body: json([ok]), status: 400, code: "invalid_request" },
  { name: "empty array", body: "[]", status: 400, code: "invalid_request" },
  { name: "top-level string", body: json("feedback"), status: 400, code: "invalid_request" },
  { name: "top-level null", body: "null", status: 400, code: "invalid_request" },
  {
    name: "invalid UTF-8",
    body: new Uint8Array([0x7b, 0x22, 0x66, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    status: 400,
    code: "invalid_request",
  },
  { name: "JSON bomb: 10 000 open brackets", body: "[".repeat(10_000), status: 400, code: "invalid_request" },
  {
    name: "deeply nested context",
    body: json({ ...ok, context: nested(40) }),
    status: 400,
    code: "invalid_request",
  },
  { name: "raw NUL byte in JSON", body: '{"feedback": "a\u0000b"}', status: 400, code: "invalid_request" },
  // Fields → 400 with issues
  { name: "empty object", body: "{}", status: 400, code: "invalid_request", path: "body.feedback" },
  {
    name: "feedback missing",
    body: json({ type: "bug" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback a number",
    body: json({ feedback: 42 }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback null",
    body: json({ feedback: null }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback an array",
    body: json({ feedback: ["x"] }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback an object",
    body: json({ feedback: { text: "x" } }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback empty",
    body: json({ feedback: "" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback only whitespace",
    body: json({ feedback: " \n\t " }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "feedback 5001 chars",
    body: json({ feedback: "a".repeat(5001) }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "type unknown",
    body: json({ ...ok, type: "praise" }),
    status: 400,
    code: "invalid_request",
    path: "body.type",
  },
  {
    name: "type a boolean",
    body: json({ ...ok, type: true }),
    status: 400,
    code: "invalid_request",
    path: "body.type",
  },
  {
    name: "type in upper case",
    body: json({ ...ok, type: "BUG" }),
    status: 400,
    code: "invalid_request",
    path: "body.type",
  },
  {
    name: "noticeId malformed",
    body: json({ ...ok, noticeId: "2026-1" }),
    status: 400,
    code: "invalid_request",
    path: "body.noticeId",
  },
  {
    name: "noticeId a number",
    body: json({ ...ok, noticeId: 2026107918 }),
    status: 400,
    code: "invalid_request",
    path: "body.noticeId",
  },
  {
    name: "noticeId with SQL",
    body: json({ ...ok, noticeId: "2026-107918' OR 1=1--" }),
    status: 400,
    code: "invalid_request",
    path: "body.noticeId",
  },
  {
    name: "contact not an email",
    body: json({ ...ok, contact: "not-an-email" }),
    status: 400,
    code: "invalid_request",
    path: "body.contact",
  },
  {
    name: "contact with a space",
    body: json({ ...ok, contact: "ola nordmann@example.no" }),
    status: 400,
    code: "invalid_request",
    path: "body.contact",
  },
  {
    name: "contact two @",
    body: json({ ...ok, contact: "a@b@example.no" }),
    status: 400,
    code: "invalid_request",
    path: "body.contact",
  },
  {
    name: "contact over 254 chars",
    body: json({ ...ok, contact: `${"a".repeat(60)}@${"b".repeat(200)}.no` }),
    status: 400,
    code: "invalid_request",
    path: "body.contact",
  },
  {
    name: "contact with header injection",
    body: json({ ...ok, contact: "a@example.no\nBcc: x@y.no" }),
    status: 400,
    code: "invalid_request",
    path: "body.contact",
  },
  {
    name: "context an array",
    body: json({ ...ok, context: [1, 2] }),
    status: 400,
    code: "invalid_request",
    path: "body.context",
  },
  {
    name: "context a string",
    body: json({ ...ok, context: "{}" }),
    status: 400,
    code: "invalid_request",
    path: "body.context",
  },
  {
    name: "context null",
    body: json({ ...ok, context: null }),
    status: 400,
    code: "invalid_request",
    path: "body.context",
  },
  {
    name: "context over 2 KiB",
    body: json({ ...ok, context: { blob: "x".repeat(2100) } }),
    status: 400,
    code: "invalid_request",
    path: "body.context",
  },
  {
    name: "unknown top-level key",
    body: json({ ...ok, feedbak: "typo" }),
    status: 400,
    code: "invalid_request",
  },
  // Characters → 400
  {
    name: "NUL escape",
    body: json({ feedback: "a\u0000b" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "BEL",
    body: json({ feedback: "ding\u0007" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "ESC (terminal escapes)",
    body: json({ feedback: "\u001b[31mred" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "lone CR",
    body: json({ feedback: "line\rover" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "DEL",
    body: json({ feedback: "x\u007f" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "C1 control NEL",
    body: json({ feedback: "x\u0085y" }),
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "lone high surrogate",
    body: '{"feedback": "x\\ud800y"}',
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "lone low surrogate",
    body: '{"feedback": "\\udc00"}',
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "reversed surrogate pair",
    body: '{"feedback": "\\ude00\\ud83d"}',
    status: 400,
    code: "invalid_request",
    path: "body.feedback",
  },
  {
    name: "control char in contact",
    body: json({ ...ok, contact: "a@b.no\u0000" }),
    status: 400,
    code: "invalid_request",
    path: "body.contact",
  },
  {
    name: "control char in a context value",
    body: json({ ...ok, context: { q: "x\u0001" } }),
    status: 400,
    code: "invalid_request",
    path: "body.context.q",
  },
  {
    name: "control char in a context key",
    body: json({ ...ok, context: { "k\u0002": 1 } }),
    status: 400,
    code: "invalid_request",
    path: "body.context.k\\u0002",
  },
  {
    name: "__proto__ key in context",
    body: '{"feedback": "x", "context": {"__proto__": {"polluted": true}}}',
    status: 400,
    code: "invalid_request",
    path: "body.context.__proto__",
  },
];

const send = (c: Case) => {
  const headers: Record<string, string> = { "cf-connecting-ip": freshIp(), ...c.headers };
  if (c.contentType !== null) headers["content-type"] = c.contentType ?? "application/json";
  const body = typeof c.body === "function" ? c.body() : c.body;
  return exports.default.fetch(`${BASE}/v1/feedback`, { method: "POST", headers, body });
};

describe("POST /v1/feedback refuses bad input with the right 4xx envelope", () => {
  it("has at least 20 cases beyond the issue's own", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("$name → $status $code", async (c) => {
    const res = await send(c);
    const body = await expectEnvelope(res, c.status, c.code);
    if (c.path !== undefined) expect(body.error.issues?.map((i) => i.path)).toContain(c.path);
  });

  it("lists each unknown top-level key by name", async () => {
    const res = await send({
      name: "",
      body: json({ ...ok, foo: 1, bar: 2 }),
      status: 400,
      code: "invalid_request",
    });
    const body = await expectEnvelope(res, 400, "invalid_request");
    const messages = (body.error.issues ?? []).map((i) => i.message).join(" ");
    expect(messages).toContain("foo");
    expect(messages).toContain("bar");
  });

  it("lists every bad field at once", async () => {
    const res = await send({
      name: "",
      body: json({ feedback: "", type: "x", contact: "y" }),
      status: 400,
      code: "invalid_request",
    });
    const body = await expectEnvelope(res, 400, "invalid_request");
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual([
      "body.contact",
      "body.feedback",
      "body.type",
    ]);
  });

  it("refuses a declared Content-Length over the cap before reading the body", async () => {
    // Straight into the app: the runtime between test and Worker could otherwise rewrite the header.
    const req = new Request(`${BASE}/v1/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(1024 * 1024) },
      body: json(ok),
    });
    const res = await createApp().fetch(req, env, createExecutionContext());
    await expectEnvelope(res, 413, "payload_too_large");
  });
});
