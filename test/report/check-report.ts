/** The HTML check report of packets, checked as `vpptrace report` checks them, with the
 *  totals the report command reads. */
import { failingCount } from "../../src/cli/gate.js";
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import type { Packet } from "../../src/model/trace.js";
import { renderCheckReport } from "../../src/report/html/index.js";
import { checkWholeInput } from "../../src/rules/index.js";

export function checkReport(packets: Packet[], cluster?: Cluster): { html: string; errors: number; failing: number } {
  const { checked, result } = checkWholeInput(packets, { cluster });
  return { html: renderCheckReport(packets, checked, result), errors: result.summary.errors, failing: failingCount(result.summary) };
}
