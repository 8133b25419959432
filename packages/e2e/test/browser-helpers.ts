import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, browserMissing, launchBrowser } from "../src/browser";

/**
 * Shared set-up of the browser-*.test.ts files: the demo stack's origins, one Chromium per file, and the
 * checks every browser test ends with (no request off 127.0.0.1, no console error, no CSP violation).
 *
 * Without Chromium the suite says so loudly: on CI (`CI` set) each file has one failing test naming the
 * Debian package; locally it prints a banner and skips, so a laptop without the package can still run
 * the rest of the e2e package. (setup.sh installs it whenever it runs as root.)
 */

export const api = () => `http://127.0.0.1:${inject("stackPorts").api}`;
export const tracker = () => `http://127.0.0.1:${inject("stackPorts").tracker}`;
export const emulator = () => `http://127.0.0.1:${inject("stackPorts").emulator}`;

export function browserDescribe(name: string, body: (s: () => BrowserSession) => void) {
  const missing = browserMissing();
  if (missing && process.env.CI) {
    describe(name, () => {
      it(`needs Chromium (${missing})`, () => {
        throw new Error(`browser suite cannot run: ${missing}`);
      });
    });
    return;
  }
  if (missing) {
    const bar = "!".repeat(100);
    console.warn(`\n${bar}\n!! BROWSER TESTS SKIPPED: "${name}"\n!! ${missing}\n${bar}\n`);
    describe.skip(name, () => body(() => undefined as never));
    return;
  }
  describe(name, () => {
    let session: BrowserSession | undefined;
    beforeAll(async () => {
      session = await launchBrowser();
    });
    afterAll(async () => {
      await session?.close();
    });
    afterEach(() => {
      if (!session) return;
      const off = session.offHost.splice(0);
      const problems = session.problems.splice(0);
      expect(off, "requests off 127.0.0.1").toEqual([]);
      expect(problems, "console errors, page errors, CSP violations").toEqual([]);
    });
    body(() => {
      if (!session) throw new Error("the browser did not start");
      return session;
    });
  });
}

/** GET a JSON route of the stack. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
