/** The HTML check report of packets, checked as `vpptrace report` checks them. */
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import type { Packet } from "../../src/model/trace.js";
import { renderCheckReport } from "../../src/report/html/index.js";
import { Checker } from "../../src/rules/index.js";

export function checkReport(packets: Packet[], cluster?: Cluster): ReturnType<typeof renderCheckReport> {
  const checker = new Checker({ cluster });
  checker.learn(packets);
  const checked = checker.checkDetailed(packets);
  return renderCheckReport(packets, checked, checker.result(checked.map((c) => c.result)));
}
