/** A report page as the browser shows it once every section is drawn: the page's own
 *  drawing code (the source the page carries, run in a context of its own, so that it
 *  cannot lean on anything outside it) over the page's section data. */
import { runInNewContext } from "node:vm";
import { gunzipSync } from "node:zlib";
import { DRAW } from "../../src/report/html/page-assets.js";
import type { IndexEntry } from "../../src/report/html/page.js";
import type { SectionView } from "../../src/report/html/view.js";

interface Draw {
  sectionHtml(section: SectionView): string;
}

const draw = runInNewContext(`${DRAW}; draw`) as Draw;

/** The sections' data, in list order. */
export function pageSections(page: string): SectionView[] {
  const chunks = [...page.matchAll(/<script type="application\/octet-stream" id="chunk-(\d+)">([^<]*)<\/script>/g)];
  return chunks.flatMap((m) => gunzipSync(Buffer.from(m[2], "base64")).toString("utf8").split("\n").map((line) => JSON.parse(line) as SectionView));
}

/** The list's entries: what the list shows and the filter reads of each section. */
export function pageIndex(page: string): IndexEntry[] {
  const json = /<script type="application\/json" id="report-index">([^<]*)<\/script>/.exec(page)![1];
  return (JSON.parse(json) as { sections: IndexEntry[] }).sections;
}

/** The page with every section drawn after it, and its script left out (its source holds
 *  the templates the drawing fills in). */
export const drawnPage = (page: string): string =>
  `${page.replace(/<script>[\s\S]*?<\/script>/, "<script>…</script>")}\n${pageSections(page).map((s) => draw.sectionHtml(s)).join("\n")}`;
