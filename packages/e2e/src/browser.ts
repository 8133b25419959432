import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type BrowserContext, chromium, type Page, type Response } from "playwright-core";

/**
 * Debian's Chromium driven by playwright-core (which never downloads a browser of its own). The browser
 * suite needs the `chromium` Debian package (`scripts/setup.sh` installs it as root, with
 * `fonts-dejavu-core` for stable screenshots); `CHROMIUM_PATH` points elsewhere.
 */
export const CHROMIUM_PACKAGE = "chromium";

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The flags this machine needs (no sandbox as root, no GPU, no QUIC, nothing that phones home); a new
 * empty profile per launch.
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

/** Why the browser suite cannot run here, or null when it can. */
export function browserMissing(): string | null {
  const path = chromiumPath();
  if (existsSync(path)) return null;
  return `no Chromium at ${path}: install the Debian package "${CHROMIUM_PACKAGE}" (apt-get install -y ${CHROMIUM_PACKAGE} fonts-dejavu-core; scripts/setup.sh does it as root) or set CHROMIUM_PATH`;
}

/** One JS or CSS file a page loaded, as the network log saw it. */
export type AssetLoad = {
  url: string;
  kind: "script" | "stylesheet";
  status: number;
  encoding: string | null;
  /** Bytes on the wire (the encoded body). */
  transferred: number;
  /** The body gzipped here (level 9): what it weighs compressed whether or not the server compressed it. */
  gzipped: number;
};

export type BrowserSession = {
  context: BrowserContext;
  /** Requests the pages tried to send anywhere but 127.0.0.1 (aborted). */
  offHost: string[];
  /** Console errors, page errors and CSP violations of every page. */
  problems: string[];
  /** JS and CSS loaded, per page (cleared by `assetsOf`). */
  assets: Map<Page, AssetLoad[]>;
  newPage(): Promise<Page>;
  close(): Promise<void>;
};

async function assetOf(res: Response): Promise<AssetLoad | null> {
  const type = res.request().resourceType();
  if (type !== "script" && type !== "stylesheet") return null;
  const body = await res.body().catch(() => Buffer.alloc(0));
  const sizes = await res
    .request()
    .sizes()
    .catch(() => ({ responseBodySize: body.length }));
  return {
    url: res.url(),
    kind: type,
    status: res.status(),
    encoding: res.headers()["content-encoding"] ?? null,
    transferred: sizes.responseBodySize,
    gzipped: gzipSync(body, { level: 9 }).length,
  };
}

/**
 * Launches Chromium on a fresh profile. Every request off 127.0.0.1 is aborted and recorded (the tests
 * talk to the local stack only); console errors, uncaught page errors and CSP violations are recorded.
 * @example const s = await launchBrowser(); const page = await s.newPage(); await page.goto(url); await s.close();
 */
export async function launchBrowser(opts: { locale?: string } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "doffin-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    locale: opts.locale ?? "nb-NO",
    timezoneId: "Europe/Oslo",
    colorScheme: "light",
    reducedMotion: "reduce",
  });
  const offHost: string[] = [];
  const problems: string[] = [];
  const assets = new Map<Page, AssetLoad[]>();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1")
      return route.continue();
    offHost.push(url.href);
    return route.abort("blockedbyclient");
  });
  const watch = (page: Page) => {
    assets.set(page, []);
    // A page answered with 404/400 on purpose logs "Failed to load resource" for its own document: that
    // one is the test's business (it asserts the status); any other failed load is a problem.
    const documents4xx = new Set<string>();
    page.on("response", (res) => {
      if (res.request().resourceType() === "document" && res.status() >= 400 && res.status() < 500)
        documents4xx.add(res.url());
    });
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      if (m.text().startsWith("Failed to load resource") && documents4xx.has(m.location().url)) return;
      problems.push(`console error on ${page.url()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    page.on("response", async (res) => {
      const a = await assetOf(res);
      if (a) assets.get(page)?.push(a);
    });
  };
  context.on("page", watch);
  for (const p of context.pages()) watch(p);
  return {
    context,
    offHost,
    problems,
    assets,
    newPage: async () => {
      const page = await context.newPage();
      if (!assets.has(page)) watch(page);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `url` and waits until the network is quiet, so every asset is in the log. */
export async function visit(page: Page, url: string) {
  const res = await page.goto(url, { waitUntil: "networkidle" });
  if (!res) throw new Error(`no response for ${url}`);
  return res;
}
