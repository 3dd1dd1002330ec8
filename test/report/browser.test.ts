import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { checkReport } from "./check-report.js";
import { parseTrace } from "../../src/trace/index.js";
import { root, sampleFiles, sampleText } from "../helpers.js";
import { writeFileSync } from "node:fs";
import type { Browser } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const artifacts = join(root, "test", "artifacts");

describe.skipIf(!existsSync(CHROMIUM))("the HTML report in a browser (headless Chromium)", () => {
  let browser: Browser;
  const file = join(artifacts, "report.html");

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");
    const packets = sampleFiles().flatMap((f, i) => parseTrace(sampleText(f), { file: `samples/${f}`, firstIndex: i + 1 }).packets);
    writeFileSync(file, checkReport(packets, cluster).html);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows a stage's raw trace lines when it is clicked, and saves a screenshot", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`file://${file}`);
    const flow = page.locator("#flow-13-14");
    await flow.scrollIntoViewIfNeeded();
    const raw = page.locator("#raw-p13-s4");
    expect(await raw.isVisible()).toBe(false);
    await flow.locator('[data-stage="p13-s4"]').click();
    expect(await raw.isVisible()).toBe(true);
    expect(await raw.textContent()).toContain("NAT44_OUT2IN: sw_if_index 6, next index 1, session index 4");
    await flow.screenshot({ path: join(artifacts, "report-pod-to-service-other-node.png") });
    expect(existsSync(join(artifacts, "report-pod-to-service-other-node.png"))).toBe(true);
  }, 60_000);
});
