import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Notice, NoticeSummary, SearchResult } from "../src/domain/notice";
import {
  cleanEformTree,
  normalizePublicApiHit,
  normalizePublicApiSearch,
  normalizeWebclientDetail,
  normalizeWebclientHit,
  normalizeWebclientSearch,
  noticeFromPublicApiHit,
} from "../src/normalize/index";
import {
  PublicApiHit,
  PublicApiSearchResponse,
  type WebclientEformNode,
  WebclientHit,
  WebclientNoticeDetail,
  WebclientSearchResponse,
} from "../src/upstream/index";
import { fixtureFiles, readFixture } from "./client-support";

/**
 * Generated variations of the real fixtures: optional keys dropped or nulled, unknown keys added,
 * strings replaced by ones with raw control characters, odd organisation ids. The schemas must accept
 * every such variation, and the normalizers must never throw on what the schemas accept.
 */

type Json = Record<string, unknown>;
const REQUIRED = new Set(["id", "heading", "type"]);

const controlString = fc
  .array(fc.oneof(fc.string(), fc.constantFrom("\n", "\t", "\r", "\u0000", "\u001f", "\u2028", "«»", "\\")), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

const oddOrgId = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom("999 601 391", "123", "12345678901", "12345678901234567", " 974760673 ", ""),
  fc.stringMatching(/^[0-9 ]{0,20}$/),
  fc.integer({ min: 0, max: 9_999_999_999 }),
);

const orgVariant = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constant(null)),
    organizationId: oddOrgId,
    name: fc.oneof(controlString, fc.constant(null)),
  },
  { requiredKeys: [] },
);

/** One edit applied to a copy of an upstream object. */
const edit = (keys: string[]): fc.Arbitrary<Edit> =>
  fc.oneof<fc.Arbitrary<Edit>[]>(
    fc.record({ op: fc.constant("drop" as const), key: fc.constantFrom(...keys) }),
    fc.record({ op: fc.constant("null" as const), key: fc.constantFrom(...keys) }),
    fc.record({ op: fc.constant("extra" as const), key: fc.string({ minLength: 1 }), value: fc.jsonValue() }),
    fc.record({
      op: fc.constant("text" as const),
      key: fc.constantFrom("heading", "description"),
      value: controlString,
    }),
    fc.record({ op: fc.constant("buyers" as const), value: fc.array(orgVariant, { maxLength: 4 }) }),
  );

const applyEdits = (base: Json, edits: readonly Edit[]): Json => {
  const copy: Json = structuredClone(base);
  for (const e of edits) {
    if (e.op === "drop") delete copy[e.key];
    else if (e.op === "null") copy[e.key] = null;
    else if (e.op === "extra" && !(e.key in base)) copy[e.key] = e.value;
    else if (e.op === "text") copy[e.key] = e.value;
    else if (e.op === "buyers") copy.buyer = e.value;
  }
  return copy;
};
type Edit =
  | { op: "drop" | "null"; key: string }
  | { op: "extra"; key: string; value: unknown }
  | { op: "text"; key: string; value: string }
  | { op: "buyers"; value: unknown };

const optionalKeys = (o: Json, required: ReadonlySet<string>) =>
  Object.keys(o).filter((k) => !required.has(k));

describe("normalizers never throw on generated variations of real hits", () => {
  const publicHits = fixtureFiles("public-api/hits").map((p) => readFixture(p) as Json);
  const webHit = readFixture("webclient/search-hit-2026-107921.json") as Json;

  it("Public API hits", () => {
    const base = fc.constantFrom(...publicHits);
    fc.assert(
      fc.property(
        base.chain((hit) =>
          fc.tuple(fc.constant(hit), fc.array(edit(optionalKeys(hit, REQUIRED)), { maxLength: 8 })),
        ),
        ([hit, edits]) => {
          const parsed = PublicApiHit.safeParse(applyEdits(hit, edits));
          expect(parsed.error).toBeUndefined();
          if (!parsed.success) return;
          expect(NoticeSummary.safeParse(normalizePublicApiHit(parsed.data)).success).toBe(true);
          expect(Notice.safeParse(noticeFromPublicApiHit(parsed.data)).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("web client hits", () => {
    fc.assert(
      fc.property(fc.array(edit(optionalKeys(webHit, REQUIRED)), { maxLength: 8 }), (edits) => {
        const parsed = WebclientHit.safeParse(applyEdits(webHit, edits));
        expect(parsed.error).toBeUndefined();
        if (!parsed.success) return;
        const n = normalizeWebclientHit(parsed.data);
        expect(NoticeSummary.safeParse(n).success).toBe(true);
        expect(n.buyers.every((b) => b.orgNumber === null || /^\d{9}$/.test(b.orgNumber))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("hits with a null heading or type still normalize", () => {
    const parsed = PublicApiHit.parse({
      ...(readFixture("public-api/hits/contract-notice.json") as Json),
      heading: null,
      type: null,
    });
    const n = normalizePublicApiHit(parsed);
    expect(n.heading).toBe("");
    expect(n.type).toBe("ANNOUNCEMENT_OF_COMPETITION");
  });

  it("search envelopes with varied hits and facets", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(edit(optionalKeys(webHit, REQUIRED)), { maxLength: 4 }), { maxLength: 5 }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        (hitEdits, facets, total, accessible) => {
          const web = WebclientSearchResponse.safeParse({
            numHitsTotal: total,
            numHitsAccessible: accessible,
            hits: hitEdits.map((e) => applyEdits(webHit, e)),
            facets,
          });
          expect(web.error).toBeUndefined();
          if (web.success) {
            expect(
              SearchResult.safeParse(normalizeWebclientSearch(web.data, { page: 1, limit: 20 })).success,
            ).toBe(true);
          }
          const pub = PublicApiSearchResponse.safeParse({ numHitsTotal: total, hits: publicHits });
          if (pub.success)
            expect(normalizePublicApiSearch(pub.data, { page: 1, limit: 20 }).accessible).toBe(
              Math.min(total, 1000),
            );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("arbitrary JSON: whatever the schemas accept normalizes without throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...publicHits), fc.boolean(), (junk, hit, merge) => {
        const input =
          merge && junk && typeof junk === "object" && !Array.isArray(junk) ? { ...hit, ...junk } : junk;
        const pub = PublicApiHit.safeParse(input);
        if (pub.success) normalizePublicApiHit(pub.data);
        const web = WebclientHit.safeParse(input);
        if (web.success) normalizeWebclientHit(web.data);
        const det = WebclientNoticeDetail.safeParse(input);
        if (det.success) normalizeWebclientDetail(det.data);
      }),
      { numRuns: 300 },
    );
  });
});

describe("notice details", () => {
  const detail = readFixture("webclient/notice-detail-2026-107918.abridged.json") as Json;
  const eformNode: fc.Arbitrary<WebclientEformNode> = fc.letrec<{ node: WebclientEformNode }>((tie) => ({
    node: fc.record(
      {
        title: fc.oneof(fc.string(), fc.constant(null)),
        sectionId: fc.oneof(fc.string(), fc.constant(null)),
        label: fc.oneof(controlString, fc.constant(null)),
        useLabelAsValue: fc.oneof(fc.boolean(), fc.constant(null)),
        value: fc.oneof(controlString, fc.integer(), fc.boolean(), fc.constant(null)),
        sections: fc.oneof(
          { depthSize: "small", withCrossShrink: true },
          fc.constant(null),
          fc.array(tie("node"), { maxLength: 3 }),
        ),
      },
      { requiredKeys: [] },
    ),
  })).node;

  it("varied details (keys dropped/nulled/added, generated eform trees) normalize", () => {
    fc.assert(
      fc.property(
        fc.array(edit(optionalKeys(detail, new Set(["id", "heading"]))), { maxLength: 8 }),
        fc.option(fc.array(eformNode, { maxLength: 4 }), { nil: undefined }),
        (edits, eform) => {
          const input = applyEdits(detail, edits);
          if (eform) input.eform = eform;
          const parsed = WebclientNoticeDetail.safeParse(input);
          expect(parsed.error).toBeUndefined();
          if (!parsed.success) return;
          expect(Notice.safeParse(normalizeWebclientDetail(parsed.data)).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("cleaned eform trees never contain empty nodes or a label next to useLabelAsValue", () => {
    fc.assert(
      fc.property(fc.array(eformNode, { maxLength: 5 }), (nodes) => {
        type Clean = ReturnType<typeof cleanEformTree>;
        const walk = (clean: Clean): void => {
          for (const s of clean) {
            expect(s.label !== null || s.value !== null || s.children.length > 0).toBe(true);
            walk(s.children);
          }
        };
        walk(cleanEformTree(nodes));
      }),
      { numRuns: 200 },
    );
  });
});
