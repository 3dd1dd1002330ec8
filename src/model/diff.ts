/** Types of `vpptrace diff`: two traces aligned packet by packet and node by node. */
import type { PacketRef } from "./findings.js";

export interface RecordRef {
  node: string;
  file: string;
  line: number;
}

export interface NodeDiff {
  kind: "same" | "changed" | "only-a" | "only-b";
  a?: RecordRef;
  b?: RecordRef;
  changes: { field: string; a: string; b: string }[];
}

export interface PacketDiff {
  /** `equivalent`: the same path, only volatile values changed, each matched consistently. */
  status: "identical" | "equivalent" | "different" | "only-a" | "only-b";
  flow: string;
  direction: string;
  a?: PacketRef;
  b?: PacketRef;
  /** The two packets belong to different flows: endpoints were compared by role. */
  crossFlow: boolean;
  nodes: NodeDiff[];
  /** The first divergence, in one line. */
  firstDivergence?: string;
}

export interface DiffResult {
  packets: PacketDiff[];
  /** Field names not compared. */
  masked: string[];
  summary: { pairs: number; identical: number; equivalent: number; different: number; onlyA: number; onlyB: number };
}
