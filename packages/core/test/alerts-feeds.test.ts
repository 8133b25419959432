import { readFileSync } from "node:fs";
import { parseFeed } from "@rowanmanning/feed-parser";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import {
  type AlertEvent,
  AlertEvent as AlertEventSchema,
  type AlertFeed,
  alertEntryId,
  alertItemOfNotice,
  matchChangedEvent,
  matchNewEvent,
  type NoticeSummary,
  reminderEvent,
  renderAtomFeed,
  renderJsonFeed,
} from "../src/index";
import { noticeHit } from "./alerts-support";

/**
 * Feeds validate: Atom parsed by a real feed parser and checked against RFC 4287's required elements with
 * an XML parse; JSON Feed against a JSON Schema of version 1.1 (test/fixtures). Hostile text is escaped.
 */

const HOSTILE = 'Kjøp <script>alert("x")</script> & "drift" \u0000\u0007\u001b\ud800 ]]> \'ok\'';
const CLEAN_HOSTILE = 'Kjøp <script>alert("x")</script> & "drift"  ]]> \'ok\'';

const notice = (id: string, heading: string): NoticeSummary =>
  noticeHit(id, { heading, url: `https://www.doffin.no/notices/${id}?a=1&b=2` });

const search = { id: "ss_abcdefghijklmnopqrst", name: 'IT & drift <Vestland> "2026"' };

const events = async (): Promise<AlertEvent[]> => [
  await matchNewEvent({
    search,
    item: alertItemOfNotice(notice("2026-100001", HOSTILE)),
    createdAt: "2026-11-20T10:00:00Z",
  }),
  await matchChangedEvent({
    search,
    item: alertItemOfNotice(notice("2026-100001", HOSTILE)),
    change: {
      id: "evt_42",
      kind: "deadline_changed",
      detectedAt: "2026-11-25T10:00:00.000Z",
      changes: [{ field: "deadline", before: "2026-12-20T12:00:00Z", after: "2026-12-27T12:00:00Z" }],
      ocds: { tags: ["tenderAmendment"] },
    },
  }),
  await reminderEvent({
    search,
    item: alertItemOfNotice(notice("2026-100002", "Skolebygg")),
    reminder: { key: "t7:2026-12-20T12:00:00Z", daysBefore: 7 },
    createdAt: "2026-12-13T12:00:00Z",
  }),
];

const feedOf = async (): Promise<AlertFeed> => ({
  id: `urn:doffin:search:${search.id}`,
  title: search.name,
  selfUrl: "https://gw.example.com/v1/searches/ss_abcdefghijklmnopqrst/feed.atom?token=a&x=<y>",
  homeUrl: "https://gw.example.com/v1/searches/ss_abcdefghijklmnopqrst",
  updated: "2026-12-13T12:00:00Z",
  entries: await events(),
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/** A minimal element tree from htmlparser2's XML mode (entities decoded). */
type Element = { name: string; attribs: Record<string, string>; children: Element[]; text: string };
const parseXml = (doc: string): Element => {
  const top: Element = { name: "#document", attribs: {}, children: [], text: "" };
  const stack: Element[] = [top];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const el: Element = { name, attribs, children: [], text: "" };
        stack.at(-1)?.children.push(el);
        stack.push(el);
      },
      ontext(text) {
        const el = stack.at(-1);
        if (el) el.text += text;
      },
      onclosetag() {
        stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(doc);
  return top;
};
const childrenOf = (el: Element, name: string): Element[] => el.children.filter((c) => c.name === name);
const textOf = (el: Element | undefined): string => el?.text ?? "";

/** RFC 4287 §4.1.1 (atom:feed) and §4.1.2 (atom:entry) requirements, over an XML parse. */
const rfc4287Problems = (doc: string): string[] => {
  const problems: string[] = [];
  const root = parseXml(doc).children[0];
  if (root?.name !== "feed") return ["root is not atom:feed"];
  if (root.attribs.xmlns !== "http://www.w3.org/2005/Atom")
    problems.push("feed is not in the Atom namespace");
  for (const name of ["id", "title", "updated"]) {
    const n = childrenOf(root, name).length;
    if (n !== 1) problems.push(`feed has ${n} ${name} elements (exactly one required)`);
  }
  if (!IRI.test(textOf(childrenOf(root, "id")[0]))) problems.push("feed id is not an IRI");
  if (!RFC3339.test(textOf(childrenOf(root, "updated")[0]))) problems.push("feed updated is not RFC 3339");
  if (!childrenOf(root, "link").some((l) => l.attribs.rel === "self"))
    problems.push("feed has no link rel=self");
  const entries = childrenOf(root, "entry");
  const feedHasAuthor = childrenOf(root, "author").some((a) => textOf(childrenOf(a, "name")[0]) !== "");
  entries.forEach((entry, i) => {
    for (const name of ["id", "title", "updated"]) {
      const n = childrenOf(entry, name).length;
      if (n !== 1) problems.push(`entry ${i} has ${n} ${name} elements (exactly one required)`);
    }
    if (!IRI.test(textOf(childrenOf(entry, "id")[0]))) problems.push(`entry ${i} id is not an IRI`);
    if (!RFC3339.test(textOf(childrenOf(entry, "updated")[0])))
      problems.push(`entry ${i} updated is not RFC 3339`);
    if (!feedHasAuthor && childrenOf(entry, "author").length === 0) problems.push(`entry ${i} has no author`);
    const alternate = childrenOf(entry, "link").some((l) => (l.attribs.rel ?? "alternate") === "alternate");
    if (!alternate && childrenOf(entry, "content").length === 0)
      problems.push(`entry ${i} has neither link rel=alternate nor content`);
    if (childrenOf(entry, "link").filter((l) => (l.attribs.rel ?? "alternate") === "alternate").length > 1)
      problems.push(`entry ${i} has several alternate links of one type`);
  });
  return problems;
};

describe("renderAtomFeed", () => {
  it("is a feed a real parser reads: title, self link, entries newest first with their links", async () => {
    const feed = await feedOf();
    const parsed = parseFeed(renderAtomFeed(feed));
    expect(parsed.meta.type).toBe("atom");
    expect(parsed.title).toBe(search.name);
    expect(parsed.self).toBe(new URL(feed.selfUrl).href);
    expect(parsed.items.map((i) => i.id)).toEqual([...feed.entries].reverse().map(alertEntryId));
    expect(parsed.items.map((i) => i.url)).toEqual([
      "https://www.doffin.no/notices/2026-100002?a=1&b=2",
      "https://www.doffin.no/notices/2026-100001?a=1&b=2",
      "https://www.doffin.no/notices/2026-100001?a=1&b=2",
    ]);
    expect(parsed.items[0]?.title).toBe("Deadline in 7 days: Skolebygg");
    expect(parsed.items[1]?.title).toBe(`Changed (deadline): ${CLEAN_HOSTILE}`);
    expect(parsed.items[2]?.title).toBe(`New match: ${CLEAN_HOSTILE}`);
    expect(parsed.items[1]?.description).toContain("deadline: 2026-12-20T12:00:00Z → 2026-12-27T12:00:00Z");
    expect(parsed.items[1]?.updated?.toISOString()).toBe("2026-11-25T10:00:00.000Z");
  });

  it("meets RFC 4287's required elements for feed and entries", async () => {
    expect(rfc4287Problems(renderAtomFeed(await feedOf()))).toEqual([]);
    expect(rfc4287Problems(renderAtomFeed({ ...(await feedOf()), entries: [] }))).toEqual([]);
    // The checker itself catches a missing element.
    expect(
      rfc4287Problems(
        renderAtomFeed(await feedOf()).replace(/<updated>[^<]*<\/updated>\n {2}<link/, "<link"),
      ),
    ).toContain("feed has 0 updated elements (exactly one required)");
  });

  it("escapes markup and drops characters XML cannot carry", async () => {
    const doc = renderAtomFeed(await feedOf());
    expect(doc).not.toContain("<script>");
    expect(doc).toContain("&lt;script&gt;");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
    expect(doc).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(doc).not.toMatch(/[\ud800-\udfff]/);
    // Every & starts an entity.
    expect(doc.match(/&(?!(amp|lt|gt|quot|apos);)/g)).toBeNull();
  });

  it("keeps entry ids stable across renders", async () => {
    const a = parseFeed(renderAtomFeed(await feedOf())).items.map((i) => i.id);
    const b = parseFeed(renderAtomFeed(await feedOf())).items.map((i) => i.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(3);
  });
});

describe("renderJsonFeed", () => {
  const schema = JSON.parse(
    readFileSync(new URL("./fixtures/jsonfeed-1.1.schema.json", import.meta.url), "utf8"),
  );
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it("validates against the JSON Feed 1.1 schema, entries newest first with the full event", async () => {
    const feed = await feedOf();
    const json = JSON.parse(JSON.stringify(renderJsonFeed(feed)));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.items.map((i: { id: string }) => i.id)).toEqual(
      [...feed.entries].reverse().map(alertEntryId),
    );
    expect(json.items[1].title).toBe(`Changed (deadline): ${CLEAN_HOSTILE}`);
    expect(AlertEventSchema.parse(json.items[1]._doffin.event)).toEqual(feed.entries[1]);
    expect(validate(JSON.parse(JSON.stringify(renderJsonFeed({ ...feed, entries: [] }))))).toBe(true);
  });

  it("the schema refuses what JSON Feed 1.1 refuses", async () => {
    const good = JSON.parse(JSON.stringify(renderJsonFeed(await feedOf())));
    const broken = [
      { ...good, version: "https://jsonfeed.org/version/2" },
      { ...good, items: [{ ...good.items[0], id: undefined }] },
      { ...good, items: [{ ...good.items[0], content_text: undefined }] },
      { ...good, items: [{ ...good.items[0], date_published: "yesterday" }] },
      { ...good, unknown_member: 1 },
      { ...good, authors: [{}] },
    ].map((f) => JSON.parse(JSON.stringify(f)));
    for (const f of broken) expect(validate(f)).toBe(false);
  });

  it("drops control characters from titles (the JSON stays printable)", async () => {
    const json = renderJsonFeed(await feedOf());
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
    for (const item of json.items) expect(item.title).not.toMatch(/[\u0000-\u001f]/);
  });
});
