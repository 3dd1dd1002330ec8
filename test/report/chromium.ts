/**
 * Where the browser tests find Chromium: `CHROMIUM_PATH` when set, else Debian's
 * `/usr/bin/chromium` (what `.ci/run` installs). Without one they are skipped — except in CI
 * (`CI=true`), where a missing browser fails the run instead of silently passing it.
 */
import { existsSync } from "node:fs";
import { describe, it } from "vitest";
import type { Browser } from "playwright-core";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter((p): p is string => p !== undefined && p !== "");
export const CHROMIUM: string | undefined = candidates.find((p) => existsSync(p));

/** A describe block that needs Chromium: skipped without it, failed in CI without it. */
export function describeInChromium(name: string, body: () => void): void {
  if (CHROMIUM !== undefined) describe(name, body);
  else if (process.env.CI === "true")
    describe(name, () => {
      it("finds Chromium (CHROMIUM_PATH, else /usr/bin/chromium)", () => {
        throw new Error(`no Chromium at ${candidates.join(" or ")}: CI must run the browser tests (.ci/run installs Debian's chromium)`);
      });
    });
  else describe.skip(name, body);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
