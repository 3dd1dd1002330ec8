/** The HTML check report of packets, checked as `vpptrace report` checks them, with the
 *  totals the report command reads: `html` is the page with every section drawn, as the
 *  browser draws them (drawn-page.ts), `page` the file as written. */
import { failingCount } from "../../src/cli/gate.js";
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import type { Packet } from "../../src/model/trace.js";
import { renderCheckReport } from "../../src/report/html/index.js";
import { checkWholeInput } from "../../src/rules/index.js";
import { drawnPage } from "./drawn-page.js";

export function checkReport(packets: Packet[], cluster?: Cluster): { html: string; page: string; errors: number; failing: number } {
  const { checked, result } = checkWholeInput(packets, { cluster });
  const page = renderCheckReport(packets, checked, result);
  return { html: drawnPage(page), page, errors: result.summary.errors, failing: failingCount(result.summary) };
}
