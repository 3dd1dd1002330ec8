/** HTML reports: the check report with path diagrams, and the diff report. */
import type { DiffResult } from "../../model/diff.js";
import { VERDICTS, type CheckedPacket, type CheckResult } from "../../model/findings.js";
import type { Packet } from "../../model/trace.js";
import { summaryLine, uncheckedLine } from "../check-text.js";
import { count } from "../words.js";
import { buildDiffSections } from "./diff-view.js";
import { digestPacket, packDigest, type PackedDigest } from "./digest.js";
import { renderPage } from "./page.js";
import { reportSections } from "./view.js";

/** The page of the packets the checker has checked, from their digests in packet order
 *  (emptied as the page is made) and the checker's result. */
export function renderCheckPage(digests: Map<number, PackedDigest>, result: CheckResult): string {
  const s = result.summary;
  return renderPage(
    {
      title: "vpptrace report",
      summary: `${summaryLine(s)}; ${count(result.flows.length, "cross-node flow")}; rules: ${result.rules.join(", ")}`,
      notices: s.unchecked > 0 ? [uncheckedLine(s.unchecked)] : [],
      legend: [
        ["conforms", "conforms"],
        ["violates", "violates: a rule found an error here"],
        ["unchecked", "unchecked: no place on the expected path, or no expected path for the packet"],
        ["incomplete", "incomplete: lines could not be read"],
      ],
      legendNote: "Stage colours and verdicts are check's. A dashed blue link is the VXLAN hop between two nodes. Click a stage for its raw trace lines (and, on a red stage, its finding); click a finding's stage to see it in the path.",
      listName: "packet",
      listHead: ["scenario", "first header"],
      verdicts: [...VERDICTS],
      countFindings: true,
    },
    reportSections(digests, result),
    // `packet-9`, `flow-13-14`: the packets the section draws.
    (section) => (section.id.match(/\d+/g) ?? []).map(Number),
  );
}

/** The page of packets the checker has checked, all in memory: its results and matches, drawn. */
export function renderCheckReport(packets: Packet[], checked: CheckedPacket[], result: CheckResult): string {
  return renderCheckPage(new Map(packets.map((p, i) => [p.index, packDigest(digestPacket(p, checked[i]))])), result);
}

export function renderDiffReport(result: DiffResult, a: Packet[], b: Packet[]): string {
  const s = result.summary;
  const summary = `${count(s.pairs, "pair")}: ${s.identical} identical, ${s.equivalent} equivalent (same path, volatile values only), ${s.different} different; ${s.onlyA} only in A, ${s.onlyB} only in B`;
  return renderPage(
    {
      title: "vpptrace diff",
      summary,
      legend: [
        ["conforms", "same"],
        ["violates", "changed"],
        ["unchecked", "only in A or only in B"],
      ],
      legendNote: "A above B, node against node; a dashed box is a node the other trace does not have. The thick outline marks the first divergence. The table under each pair lists the changed fields.",
      listName: "differing pair",
      listHead: ["first divergence"],
      verdicts: ["different", "only-a", "only-b"],
    },
    buildDiffSections(result, a, b),
  );
}

export { digestPacket, packDigest, type PackedDigest, type PacketDigest } from "./digest.js";
export { renderPathSvg } from "./svg.js";
export { findingsByRecord, recordKey } from "./findings-by-record.js";
