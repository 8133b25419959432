import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Job, JobFacets, JobFeedLine, JobSummary } from "../src/nav/model";
import {
  applicationDueDate,
  normalizeAggregations,
  normalizeFeedEntry,
  normalizeFeedLine,
  normalizeSearchHit,
  toInstant,
} from "../src/nav/normalize";
import { htmlToText, sanitizeHtml } from "../src/nav/sanitize";
import { NavFeedEntry, NavFeedLine } from "../src/nav/upstream-feed";
import { NavSearchHit, NavSearchResponse } from "../src/nav/upstream-search";

/**
 * Property tests: whatever NAV sends that the tolerant schemas accept — nulls, missing keys, HTML junk —
 * the normalizers return a value of the public model and never throw.
 */

const htmlJunk = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "<p onclick=x>",
    "</div></p>",
    "<a href=javascript:1>x",
    "&#0;&amp;&nbsp;",
    "<![CDATA[x]]>",
    "<!--",
  ),
  fc
    .array(
      fc.constantFrom("<p>", "</p>", "<b>", "<a href='https://x'>", "tekst", "<br>", "<style>", "&lt;"),
      { maxLength: 30 },
    )
    .map((a) => a.join("")),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null), fc.constant(undefined));
const date = fc.oneof(
  fc.string(),
  fc.constantFrom("2026-12-01", "2026-02-30", "01.12.2026", "Snarest", "2026-12-01T10:00:00+01:00", "?", ""),
);

const adContent = fc.record(
  {
    uuid: field(fc.uuid()),
    title: field(fc.string()),
    description: field(htmlJunk),
    published: field(date),
    expires: field(date),
    applicationDue: field(date),
    workLocations: field(
      fc.array(
        fc.record(
          { county: field(fc.string()), municipal: field(fc.string()), city: field(fc.string()) },
          { requiredKeys: [] },
        ),
      ),
    ),
    employer: field(
      fc.record(
        { name: field(fc.string()), orgnr: field(fc.string()), description: field(htmlJunk) },
        { requiredKeys: [] },
      ),
    ),
    occupationCategories: field(
      fc.array(fc.record({ level1: field(fc.string()), level2: field(fc.string()) }, { requiredKeys: [] })),
    ),
    categoryList: field(
      fc.array(fc.record({ name: field(fc.string()), code: field(fc.string()) }, { requiredKeys: [] })),
    ),
    positioncount: field(fc.oneof(fc.string(), fc.integer())),
    link: field(fc.string()),
  },
  { requiredKeys: [] },
);

describe("NAV normalizers never throw", () => {
  it("feed entries", () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.constantFrom("ACTIVE", "INACTIVE", "WHATEVER"),
        maybe(adContent),
        (uuid, status, content) => {
          const parsed = NavFeedEntry.safeParse({ uuid, status, ad_content: content });
          if (!parsed.success) return;
          const job = normalizeFeedEntry(parsed.data);
          expect(Job.safeParse(job).success).toBe(true);
          expect(job.descriptionHtml).not.toMatch(/<script|javascript:/i);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("feed lines", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            id: fc.string(),
            title: field(fc.string()),
            date_modified: field(date),
            _feed_entry: fc.record(
              {
                uuid: fc.string(),
                status: fc.string(),
                title: field(fc.string()),
                businessName: field(fc.string()),
                municipal: field(fc.string()),
              },
              { requiredKeys: ["uuid", "status"] },
            ),
          },
          { requiredKeys: ["id", "_feed_entry"] },
        ),
        (raw) => {
          const parsed = NavFeedLine.safeParse(raw);
          if (parsed.success)
            expect(JobFeedLine.safeParse(normalizeFeedLine(parsed.data)).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("search hits", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.record(
          {
            uuid: field(fc.string()),
            title: field(fc.string()),
            published: field(date),
            businessName: field(fc.string()),
            locationList: field(fc.array(fc.record({ county: field(fc.string()) }, { requiredKeys: [] }))),
            properties: field(
              fc.record(
                {
                  employer: field(fc.string()),
                  applicationdue: field(date),
                  extent: field(fc.oneof(fc.string(), fc.array(fc.string()))),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
        (id, source) => {
          const parsed = NavSearchHit.safeParse({ _id: id, _source: source });
          if (parsed.success)
            expect(JobSummary.safeParse(normalizeSearchHit(parsed.data)).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("aggregations of any shape", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("counties", "extent", "sector", "published", "occupations", "positioncount"),
          fc.anything(),
        ),
        (aggs) => {
          const parsed = NavSearchResponse.safeParse({ hits: { total: 0, hits: [] }, aggregations: aggs });
          expect(parsed.success).toBe(true);
          if (parsed.success)
            expect(JobFacets.safeParse(normalizeAggregations(parsed.data.aggregations)).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("primitives on anything", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const d = applicationDueDate(v);
        expect(d === null || /^\d{4}-\d{2}-\d{2}$/.test(d)).toBe(true);
        const t = toInstant(v);
        expect(t === null || !Number.isNaN(Date.parse(t))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(htmlJunk, (html) => {
        expect(sanitizeHtml(html)).not.toMatch(/<(script|style|iframe)|javascript:|\son\w+=/i);
        expect(typeof htmlToText(html)).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});
