/**
 * The HTML report as a reader sees it, in headless Chromium: text inside its boxes, the
 * translation and the failing rule where the eye lands, the links between stages and
 * finding rows, the VXLAN hop between the lanes, and no text shrunk below 11 px in a narrow
 * window. No timing is asserted; every step waits as long as the loaded machine needs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { diffTraces } from "../../src/diff/index.js";
import { renderDiffReport } from "../../src/report/html/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { root, sampleFiles, sampleText } from "../helpers.js";
import { inject } from "../rules/fault.js";
import { checkReport } from "./check-report.js";
import { describeInChromium, launchChromium } from "./chromium.js";
const artifacts = join(root, "test", "artifacts");
const SLOW = 120_000;

/** Stages whose text runs out of their box: `id: text` for each text element that does. */
async function textOutsideStages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".stage")].flatMap((stage) => {
      const box = stage.querySelector("rect")!.getBoundingClientRect();
      return [...stage.querySelectorAll("text")]
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
        })
        .map((t) => `${(stage as SVGGElement).dataset.stage}: ${t.textContent}`);
    }),
  );
}

/** The smallest font a reader sees: each element's computed size times the scale of its
 *  SVG, if any. */
async function smallestRenderedFont(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { px: Infinity, text: "" };
    for (const el of document.querySelectorAll("body *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      if (!own || (el as HTMLElement).offsetParent === null && !(el instanceof SVGElement)) continue;
      if (el instanceof SVGElement && el.getBoundingClientRect().width === 0) continue;
      const scale = el instanceof SVGGraphicsElement ? el.getScreenCTM()!.a : 1;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < smallest.px) smallest = { px, text: el.textContent!.slice(0, 40) };
    }
    return smallest;
  });
}

/** Scrolls down until every section is drawn (the page draws them as the reader nears the end). */
async function drawEverySection(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    scrollTo(0, document.body.scrollHeight);
    return document.querySelector("#more")!.textContent === "";
  });
  await page.evaluate(() => scrollTo(0, 0));
}

const inViewport = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.height > 0;
  }, selector);

describeInChromium("the HTML report in a browser (headless Chromium)", () => {
  let browser: Browser;
  const report = join(artifacts, "report.html");
  const faulty = join(artifacts, "report-faulty.html");
  const diff = join(artifacts, "diff.html");
  /** The page opened at `hash` if given: a section further down is drawn when a link names
   *  it (or the reader scrolls to it). */
  const open = async (file: string, width = 1400, hash = ""): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(SLOW);
    await page.goto(`file://${file}${hash}`);
    // The page draws its sections itself once it has loaded.
    await page.waitForSelector("body[data-drawn]");
    return page;
  };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");
    const packets = sampleFiles().flatMap((f, i) => parseTrace(sampleText(f), { file: `samples/${f}`, firstIndex: i + 1 }).packets);
    writeFileSync(report, checkReport(packets, cluster).page);
    const bad = inject("pod-to-pod-same-node-response.txt", ["action: 3, match: acl -1 rule 170 trace_bits 80000000", "action: 1, match: acl 0 rule 0 trace_bits 00000000"]);
    writeFileSync(faulty, checkReport(parseTrace(bad, { file: "faulty.txt" }).packets, cluster).page);
    const a = parseTrace(sampleText("pod-to-pod-same-node-request.txt"), { file: "samples/pod-to-pod-same-node-request.txt" }).packets;
    const b = parseTrace(sampleText("pod-to-service-same-node-request.txt"), { file: "samples/pod-to-service-same-node-request.txt" }).packets;
    writeFileSync(diff, renderDiffReport(diffTraces(a, b), a, b));
    browser = await launchChromium();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
  });

  it("keeps every text element of every stage inside its box, on the samples' report, a faulty one and a diff", async () => {
    for (const file of [report, faulty, diff]) {
      const page = await open(file);
      await drawEverySection(page);
      const listed = await page.evaluate(() => (JSON.parse(document.getElementById("report-index")!.textContent!) as { sections: unknown[] }).sections.length);
      expect(await page.locator("section").count()).toBe(listed);
      expect(await page.locator(".stage").count()).toBeGreaterThan(0);
      expect(await textOutsideStages(page)).toEqual([]);
      await page.close();
    }
  }, SLOW);

  it("shows the service request's translation on its NAT stage, and a stage's raw lines when clicked", async () => {
    const page = await open(report, 1400, "#flow-13-14");
    const nat = page.locator("#flow-13-14 .stage", { hasText: "nat44-out2in" }).first();
    expect(await nat.textContent()).toContain("dst 10.97.193.160:80 → 10.1.2.4:8080");
    expect(await nat.isVisible()).toBe(true);
    const id = await nat.getAttribute("data-stage");
    expect(await page.locator(`#raw-${id}`).isVisible()).toBe(false);
    await nat.click();
    expect(await page.locator(`#raw-${id}`).isVisible()).toBe(true);
    expect(await page.locator(`#raw-${id}`).textContent()).toContain("NAT44_OUT2IN: sw_if_index 6, next index 1, session index 4");
    await page.close();
  }, SLOW);

  it("draws the VXLAN hop of a cross-node flow as a link between the two lanes, and saves a screenshot", async () => {
    const page = await open(report, 1400, "#flow-13-14");
    const flow = page.locator("#flow-13-14");
    const lanes = await flow.locator("g.lane > rect.lane-box").evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().toJSON() as DOMRect));
    const hop = await flow.locator("g.vxlan-hop").evaluate((g) => ({ box: g.getBoundingClientRect().toJSON() as DOMRect, text: g.textContent }));
    expect(lanes).toHaveLength(2);
    expect(hop.box.top).toBeLessThanOrEqual(lanes[0].bottom);
    expect(hop.box.bottom).toBeGreaterThanOrEqual(lanes[1].top);
    expect(hop.text).toBe("VXLAN vni 10 · outer UDP 192.168.16.1:60039 → 192.168.16.2:4789");
    await flow.screenshot({ path: join(artifacts, "report-pod-to-service-other-node.png") });
    await page.close();
  }, SLOW);

  it("shows the rule id on a faulty sample's red stage; clicking it goes to the finding row, and the row's link back to the stage", async () => {
    const page = await open(faulty, 1000);
    const red = page.locator('.stage[data-status="violates"]');
    expect(await red.count()).toBe(1);
    expect(await red.textContent()).toContain("acl-action (error)");
    await red.click();
    await page.waitForFunction(() => location.hash === "#finding-1-1");
    expect(await page.locator("#finding-1-1:target").count()).toBe(1);
    expect(await inViewport(page, "#finding-1-1")).toBe(true);
    await page.evaluate(() => scrollTo(0, 0));
    await page.locator('#finding-1-1 a[href="#stage-p1-s8"]').click();
    await page.waitForFunction(() => document.querySelector("#stage-p1-s8")!.classList.contains("selected"));
    expect(await inViewport(page, "#stage-p1-s8")).toBe(true);
    await page.close();
  }, SLOW);

  it("opens at the stage a shared link names, selected with its raw lines shown", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    page.setDefaultTimeout(SLOW);
    await page.goto(`file://${report}#stage-p14-s3`);
    await page.waitForFunction(() => document.querySelector("#stage-p14-s3")!.classList.contains("selected"));
    expect(await page.locator("#raw-p14-s3").isVisible()).toBe(true);
    expect(await inViewport(page, "#stage-p14-s3")).toBe(true);
    await page.close();
  }, SLOW);

  it("at 800 px renders no font below 11 px and scrolls the diagrams sideways instead; at 2560 px draws them at the same size", async () => {
    for (const [file, width] of [[report, 800], [diff, 800], [report, 2560]] as const) {
      const page = await open(file, width);
      const smallest = await smallestRenderedFont(page);
      expect(smallest.px, `${width} px: ${smallest.text}`).toBeGreaterThanOrEqual(11);
      const diagram = await page.locator(".diagram").first().evaluate((d) => ({ scroll: d.scrollWidth, client: d.clientWidth, svg: d.querySelector("svg")!.getBoundingClientRect().width, width: Number(d.querySelector("svg")!.getAttribute("width")) }));
      expect(diagram.svg).toBe(diagram.width);
      if (width === 800) expect(diagram.scroll).toBeGreaterThan(diagram.client);
      else expect(diagram.scroll).toBe(diagram.client);
      expect(await textOutsideStages(page)).toEqual([]);
      await page.close();
    }
  }, SLOW);

  it("filters the packet list and its sections by address and verdict", async () => {
    const page = await open(report);
    await page.locator("#f-address").fill("10.97.193.160");
    await page.waitForFunction(() => document.querySelector("#f-count")!.textContent !== "14 of 14 shown");
    expect(await page.locator("#f-count").textContent()).toBe("2 of 14 shown");
    expect(await page.locator("#flow-13-14").isVisible()).toBe(true);
    expect(await page.locator("#packet-9").isVisible()).toBe(false);
    await page.locator("#f-address").fill("");
    await page.locator("#f-verdict").selectOption("violates");
    await page.waitForFunction(() => document.querySelector("#f-count")!.textContent === "0 of 14 shown");
    await page.close();
  }, SLOW);

  it("shows a diff page with the paths aligned and the changed fields, and saves a screenshot", async () => {
    const page = await open(diff);
    expect(await page.locator("table.changes tr").count()).toBeGreaterThan(1);
    expect(await page.locator(".stage.first").count()).toBe(2);
    const [a, b] = await page.locator(".stage.first rect").evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().left));
    expect(a).toBe(b);
    await page.screenshot({ path: join(artifacts, "diff-pod-to-pod-vs-service.png"), fullPage: true });
    await page.close();
  }, SLOW);
});
