/** `vpptrace paths --format text`: each unique path with its count, threads and first packet. */
import type { NodePath, PathsResult } from "../model/paths.js";

function pathBlock(path: NodePath, i: number): string {
  const threads = path.threads.length === 0 ? "" : `  threads ${path.threads.join(",")}`;
  const verdict = path.verdict === undefined ? "" : `: ${path.verdict}${path.scenario === undefined ? "" : ` (${path.scenario})`}`;
  const f = path.first;
  return `Path [${i}]  ${path.count} packet${path.count === 1 ? "" : "s"}${threads}\n  ${path.nodes.join(" -> ")}\n  first: [${f.index}] ${f.label} (${f.file}:${f.line})${verdict}\n`;
}

export function renderPathsText(result: PathsResult): string {
  const head = `${result.packets} packet${result.packets === 1 ? "" : "s"}, ${result.paths.length} unique path${result.paths.length === 1 ? "" : "s"}\n`;
  return [head, ...result.paths.map(pathBlock)].join("\n");
}
