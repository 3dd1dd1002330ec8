/** Types of `vpptrace paths`: the packets of a trace grouped by the nodes they went through. */
import type { PacketRef, Verdict } from "./findings.js";

export interface NodePath {
  /** The graph nodes in the order the packet's records show them. */
  nodes: string[];
  /** Packets that took exactly this path. */
  count: number;
  /** The threads they were printed in (a joined hand-off counts both). */
  threads: number[];
  /** The first packet of the input that took it. */
  first: PacketRef;
  /** When the packets were checked on a model (`--verdict`, `--cluster`): the worst verdict
   *  of the path's packets, how many had each, and the first packet's scenario. */
  verdict?: Verdict;
  verdicts?: Partial<Record<Verdict, number>>;
  scenario?: string;
}

export interface PathsResult {
  packets: number;
  /** Most travelled first; ties in the order first seen. */
  paths: NodePath[];
}
