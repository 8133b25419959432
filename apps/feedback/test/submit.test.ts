import { env } from "cloudflare:workers";
import { FeedbackCreated } from "@doffin/contracts/feedback";
import { describe, expect, it } from "vitest";
import { expectEnvelope, post } from "./helpers";

type StoredRow = {
  id: string;
  created_at: string;
  updated_at: string;
  type: string;
  status: string;
  feedback: string;
  notice_id: string | null;
  contact: string | null;
  context: string | null;
  note: string | null;
  idempotency_key: string | null;
};

const row = (id: string) => env.DB.prepare("SELECT * FROM feedback WHERE id = ?").bind(id).first<StoredRow>();
const countKey = async (key: string) =>
  (
    await env.DB.prepare("SELECT COUNT(*) AS n FROM feedback WHERE idempotency_key = ?")
      .bind(key)
      .first<{ n: number }>()
  )?.n;

describe("POST /v1/feedback: happy path", () => {
  it("stores the report as sent and answers 201 with id, createdAt and status open", async () => {
    const sent = {
      feedback: "  Notice 2026-107918 lists the wrong buyer.\nSee the PDF.  ",
      type: "data_error",
      noticeId: "2026-107918",
      contact: "ola@example.no",
      context: { query: "/v1/notices?q=veg", page: 2, flags: ["a", "b"] },
    };
    const res = await post(sent);
    expect(res.status).toBe(201);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const created = FeedbackCreated.parse(await res.json());
    expect(created.status).toBe("open");
    expect(created.id).toMatch(/^fb_[0-9a-z]{26}$/);
    const stored = await row(created.id);
    expect(stored).toMatchObject({
      id: created.id,
      created_at: created.createdAt,
      updated_at: created.createdAt,
      type: "data_error",
      status: "open",
      feedback: "Notice 2026-107918 lists the wrong buyer.\nSee the PDF.",
      notice_id: "2026-107918",
      contact: "ola@example.no",
      note: null,
      idempotency_key: null,
    });
    expect(JSON.parse(stored?.context ?? "null")).toEqual(sent.context);
  });

  it("defaults type to general and stores absent optional fields as null", async () => {
    const res = await post({ feedback: "Please add CPV search." });
    const { id } = FeedbackCreated.parse(await res.json());
    expect(res.status).toBe(201);
    expect(await row(id)).toMatchObject({ type: "general", notice_id: null, contact: null, context: null });
  });

  it("accepts a charset parameter, CRLF, tabs, emoji and non-Latin text and stores them unchanged", async () => {
    const text = "Feil i\r\nbeskrivelse:\tÆØÅ 🚧 日本語 <script>alert(1)</script>";
    const res = await post(
      { feedback: text },
      { headers: { "content-type": "application/json; charset=UTF-8" } },
    );
    expect(res.status).toBe(201);
    const { id } = FeedbackCreated.parse(await res.json());
    expect((await row(id))?.feedback).toBe(text);
  });

  it("counts code points, not UTF-16 units: 3000 emoji (6000 units) fit under 5000", async () => {
    const res = await post({ feedback: "😀".repeat(3000) });
    expect(res.status).toBe(201);
  });

  it("accepts exactly 5000 characters", async () => {
    expect((await post({ feedback: "a".repeat(5000) })).status).toBe(201);
  });

  it("issues ids that sort by creation time and never repeat", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(FeedbackCreated.parse(await (await post({ feedback: `n${i}` })).json()).id);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
  });
});

describe("POST /v1/feedback: Idempotency-Key", () => {
  it("returns the same id for a retry and stores nothing new", async () => {
    const key = `retry-${crypto.randomUUID()}`;
    const first = await post({ feedback: "once", type: "bug" }, { key });
    const a = FeedbackCreated.parse(await first.json());
    const second = await post({ type: "bug", feedback: "once" }, { key });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const b = FeedbackCreated.parse(await second.json());
    expect(b).toEqual(a);
    expect(await countKey(key)).toBe(1);
  });

  it("answers 409 conflict when a key is reused with a different body, storing nothing", async () => {
    const key = `reuse-${crypto.randomUUID()}`;
    expect((await post({ feedback: "first" }, { key })).status).toBe(201);
    const body = await expectEnvelope(await post({ feedback: "second" }, { key }), 409, "conflict");
    expect(body.error.message).toMatch(/Idempotency-Key/);
    expect(await countKey(key)).toBe(1);
  });

  it("stores exactly one row for 50 concurrent retries with one key", async () => {
    const key = `race-${crypto.randomUUID()}`;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post({ feedback: "race" }, { key })),
    );
    const ids = await Promise.all(
      responses.map(async (r) => {
        expect(r.status).toBe(201);
        return FeedbackCreated.parse(await r.json()).id;
      }),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await countKey(key)).toBe(1);
  });

  it.each([
    ["empty", ""],
    ["too long", "k".repeat(256)],
    ["non-ASCII", "nøkkel"],
  ])("refuses an invalid key (%s) with 400", async (_name, key) => {
    const body = await expectEnvelope(await post({ feedback: "x" }, { key }), 400, "invalid_request");
    expect(body.error.issues?.[0]?.path).toBe("header.idempotency-key");
  });
});
