import { env, exports } from "cloudflare:workers";
import { type EformsNotice, parseEformsNotice } from "@doffin/core";
import { inject } from "vitest";
import award from "../../../fixtures/doffin/public-api/download/2022-319091.xml?raw";
import change1 from "../../../fixtures/doffin/public-api/download/2023-618728.xml?raw";
import pin from "../../../fixtures/doffin/public-api/download/2023-661116.xml?raw";
import competition from "../../../fixtures/doffin/public-api/download/2024-100506.xml?raw";
import change2 from "../../../fixtures/doffin/public-api/download/2025-112709.xml?raw";
import { type ContractRow, contractStatements } from "../src/contract/tables";
import { request } from "./contract-helpers";

/** OCDS test helpers: real captured eForms notices re-homed into procedures, written the tracker's way. */

export const XML = { pin, competition, change1, change2, award };

export const model = (xml: string, doffinId: string, patch: Partial<EformsNotice> = {}): EformsNotice => ({
  ...parseEformsNotice(xml, { doffinId }),
  ...patch,
});

/** Stores one notice's contract data (and so its releases) in its own batch, as the sweep does. */
export async function store(noticeId: string, m: EformsNotice, fetchedAt = new Date().toISOString()) {
  const row: ContractRow = {
    noticeId,
    xmlHash: `h-${noticeId}-${fetchedAt}`,
    r2Key: null,
    model: m,
    error: null,
    fetchedAt,
  };
  await env.DB.batch(contractStatements(env.DB, row));
}

/** A fresh competition notice of its own procedure (a new ocid), dispatched at `at`. */
export const freshCompetition = (n: string, at: string) =>
  model(XML.competition, `2026-9${n.padStart(5, "0")}`, {
    procedureId: `proc-${n}`,
    noticeId: `notice-${n}`,
    dispatchedAt: at,
  });

export type Pkg = {
  uri: string;
  version: string;
  publishedDate: string;
  releases?: { id: string; ocid: string; date: string; tag: string[] }[];
  records?: {
    ocid: string;
    releases: { id?: string; url?: string; date: string; tag: string[] }[];
    compiledRelease: { tag: string[] };
  }[];
  links?: { next?: string };
};

export async function getJson<T = Pkg>(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; res: Response }> {
  const res = init ? await exports.default.fetch(`http://tracker${path}`, init) : await request(path, false);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
}

/** Follows links.next to the end; `between` runs after each page (concurrent writes). */
export async function crawl(start: string, between: (page: number) => Promise<void> = async () => {}) {
  const seen: string[] = [];
  let url: string | undefined = start;
  let page = 0;
  while (url) {
    const u = new URL(url, "http://tracker");
    const { status, body } = await getJson(`${u.pathname}${u.search}`);
    if (status !== 200) throw new Error(`crawl page ${page}: ${status} ${JSON.stringify(body)}`);
    for (const r of body.releases ?? []) seen.push(r.id);
    url = body.links?.next;
    await between(page++);
  }
  return { seen, pages: page };
}

/** Ajv errors of core's OCDS validator (run on the Node side, see ocds-validator-server.ts). */
export async function schemaErrors(schema: string, data: unknown): Promise<unknown[]> {
  const res = await fetch(`${inject("ocdsValidatorUrl")}/${schema}`, {
    method: "POST",
    body: JSON.stringify(data),
  });
  const body = (await res.json()) as { errors?: unknown[]; error?: string };
  if (!res.ok || !body.errors) throw new Error(`validator: ${body.error}`);
  return body.errors;
}

/** Every page of a package list, following links.next. */
export async function allPages(start: string): Promise<Pkg[]> {
  const pages: Pkg[] = [];
  let url: string | undefined = start;
  while (url) {
    const u = new URL(url, "http://tracker");
    const { status, body } = await getJson(`${u.pathname}${u.search}`);
    if (status !== 200) throw new Error(`${url}: ${status}`);
    pages.push(body);
    url = body.links?.next;
  }
  return pages;
}
