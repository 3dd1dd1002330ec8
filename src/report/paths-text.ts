/** `vpptrace paths --format text`: each unique path with its count, threads and first packet. */
import type { NodePath, PathsResult } from "../model/paths.js";
import { VERDICTS, type Verdict } from "../model/findings.js";
import { count } from "./words.js";

const VERB: Record<Verdict, string> = { conforms: "conform", violates: "violate", unchecked: "unchecked", incomplete: "incomplete" };

/** `3 conform, 1 violate`, in the order of VERDICTS. */
function verdictCounts(path: NodePath): string {
  return VERDICTS.filter((v) => (path.verdicts?.[v] ?? 0) > 0).map((v) => `${path.verdicts![v]} ${VERB[v]}`).join(", ");
}

function pathBlock(path: NodePath, i: number): string {
  const threads = path.threads.length === 0 ? "" : `  threads ${path.threads.join(",")}`;
  const scenario = path.scenario === undefined ? "" : ` (${path.scenario})`;
  const verdicts = path.verdicts === undefined ? "" : `  verdicts: ${verdictCounts(path)}\n`;
  const f = path.first;
  return `Path [${i}]  ${count(path.count, "packet")}${threads}\n  ${path.nodes.join(" -> ")}\n  first: [${f.index}] ${f.label} (${f.file}:${f.line})${scenario}\n${verdicts}`;
}

export function renderPathsText(result: PathsResult): string {
  const head = `${count(result.packets, "packet")}, ${count(result.paths.length, "unique path")}\n`;
  return [head, ...result.paths.map(pathBlock)].join("\n");
}
