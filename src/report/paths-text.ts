/** `vpptrace paths --format text`: each unique path with its count, threads and first packet. */
import type { NodePath, PathsResult } from "../model/paths.js";
import { verdictCounts } from "../paths/index.js";
import { count } from "./words.js";

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
