/**
 * A report of 10,000 packets, as the built CLI writes it and Chromium opens it: the writer's
 * peak memory and the page's size, then the time to the first screen and to a filter's
 * result, each as a ratio to the same page's load time on the guide's 18 samples (measured
 * in the same browser on the same machine, so a loaded machine slows both), and the list at
 * 800 pixels: no column cut, no label over two lines.
 */
import { execFile } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { generateTracePieces } from "../../src/bench/generate.js";
import { root, samplesDir, sampleFiles } from "../helpers.js";
import { describeInChromium, launchChromium } from "./chromium.js";

const artifacts = join(root, "test", "artifacts");
const cli = join(root, "dist", "cli", "vpptrace.js");
const SLOW = 300_000;
/** About 10,400 of the generator's packets: more than report draws by default (10,000). */
const TRACE_BYTES = 38_000_000;

/** Runs the built CLI and reports its peak resident memory (from the process itself). */
async function reportWithPeakRss(args: string[]): Promise<{ code: number; stderr: string; peakMb: number }> {
  const probe = join(artifacts, "peak-rss.cjs");
  writeFileSync(probe, `process.on("exit", () => process.stderr.write("peak-rss " + process.resourceUsage().maxRSS + "\\n"));\n`);
  return new Promise((resolve) => {
    execFile(process.execPath, ["--require", probe, cli, ...args], { cwd: root, maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      const kb = Number(/peak-rss (\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ code: error === null ? 0 : Number(error.code), stderr, peakMb: kb / 1024 });
    });
  });
}

/** Milliseconds from navigation to the page's first screen: the list and the first sections drawn. */
async function firstScreen(page: Page, file: string): Promise<number> {
  const start = Date.now();
  await page.goto(`file://${file}`);
  await page.waitForSelector("body[data-drawn]");
  return Date.now() - start;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describeInChromium("a report of 10,000 packets in Chromium", () => {
  let browser: Browser;
  const trace = join(artifacts, "large-trace.txt");
  const large = join(artifacts, "report-large.html");
  const small = join(artifacts, "report-small.html");
  let written: { code: number; stderr: string; peakMb: number };

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error("dist/cli/vpptrace.js is missing: `npm test` builds it first (npm run build)");
    mkdirSync(artifacts, { recursive: true });
    const out = createWriteStream(trace);
    for (const piece of generateTracePieces(TRACE_BYTES, samplesDir)) if (!out.write(piece)) await once(out, "drain");
    out.end();
    await once(out, "finish");
    written = await reportWithPeakRss(["report", "-q", "--cluster", "samples/cluster.yaml", trace, "-o", large]);
    const samples = sampleFiles().map((f) => join("samples", f));
    await reportWithPeakRss(["report", "-q", "--cluster", "samples/cluster.yaml", ...samples, "-o", small]);
    browser = await launchChromium();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
  });

  it("is written in under 250 MB of memory, and the page is under 40 MB", () => {
    expect(written.stderr).toContain("stopped after 10000 packets");
    expect(written.peakMb).toBeLessThan(250);
    expect(statSync(large).size).toBeLessThan(40 << 20);
  });

  it("shows its first screen within 8 times, and a filter's result within 1.5 times, the small report's load", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(SLOW);
    const smallLoad = median([await firstScreen(page, small), await firstScreen(page, small), await firstScreen(page, small)]);
    const largeLoad = median([await firstScreen(page, large), await firstScreen(page, large), await firstScreen(page, large)]);
    expect(await page.locator("#f-count").textContent()).toMatch(/^(\d+) of \1 shown$/);
    const start = Date.now();
    await page.locator("#f-address").fill("10.97.193.160");
    await page.waitForFunction(() => !/^(\d+) of \1 shown$/.test(document.querySelector("#f-count")!.textContent!) && document.querySelector("#sections section") !== null);
    const filtering = Date.now() - start;
    const firstShown = await page.locator("#sections section").first().getAttribute("id");
    const index = await page.evaluate(() => (JSON.parse(document.getElementById("report-index")!.textContent!) as { sections: { id: string; addresses: string[] }[] }).sections);
    expect(firstShown).toBe(index.find((s) => s.addresses.includes("10.97.193.160"))!.id);
    const times = `small load ${smallLoad} ms, large load ${largeLoad} ms, filter ${filtering} ms`;
    expect(largeLoad / smallLoad, times).toBeLessThan(8);
    expect(filtering / smallLoad, times).toBeLessThan(1.5);
    await page.close();
  }, SLOW);

  it("keeps only the rows in view in the page, and draws the last ones when the list is scrolled to its end", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(SLOW);
    await firstScreen(page, large);
    expect(await page.locator("#list-rows .row").count()).toBeLessThan(60);
    expect(await page.locator("#sections section").count()).toBeLessThan(20);
    await page.locator("#list").evaluate((list) => (list.scrollTop = list.scrollHeight));
    const last = await page.evaluate(() => (JSON.parse(document.getElementById("report-index")!.textContent!) as { sections: { id: string }[] }).sections.at(-1)!.id);
    await page.locator(`#list-rows .row[data-section="${last}"] a`).click();
    await page.waitForSelector(`section#${last}`);
    expect(await page.locator(`section#${last} .stage`).count()).toBeGreaterThan(0);
    await page.close();
  }, SLOW);

  it("at 800 px cuts no column of the list and shows every packet label on one or two lines", async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    page.setDefaultTimeout(SLOW);
    for (const file of [large, small]) {
      await firstScreen(page, file);
      const cells = await page.locator("#list-rows .row > span, .row.head > span").evaluateAll((spans) =>
        spans.map((s) => {
          const box = s.getBoundingClientRect();
          // Lines as laid out, clamped or not: the distinct tops of the text's boxes.
          const range = document.createRange();
          range.selectNodeContents(s);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          return { text: s.textContent, cut: s.scrollWidth > s.clientWidth + 1 || box.right > innerWidth, lines };
        }),
      );
      expect(cells.length).toBeGreaterThan(10);
      expect(cells.filter((c) => c.cut)).toEqual([]);
      expect(cells.filter((c) => c.lines > 2)).toEqual([]);
      // A word is never broken across lines: a cell of one word (a verdict, a count) is one line.
      expect(cells.filter((c) => !/\s/.test(c.text!.trim()) && c.lines > 1)).toEqual([]);
    }
    await page.close();
  }, SLOW);
});
