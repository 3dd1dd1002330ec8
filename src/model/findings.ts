/** Types of the conformance check: rule findings and per-packet verdicts. */
import type { Severity } from "./trace.js";

export interface PacketRef {
  index: number;
  label: string;
  file: string;
  line: number;
  thread: number | null;
  number: number | null;
}

export interface Finding {
  rule: string;
  severity: Severity;
  packet: PacketRef;
  /** The node record the finding is about. */
  node: string;
  file: string;
  line: number;
  expected: string;
  actual: string;
  /** One sentence in the packet-flow guide's vocabulary. */
  message: string;
}

export type Verdict = "conforms" | "violates" | "warns";

export interface PacketResult {
  packet: PacketRef;
  verdict: Verdict;
  /** Scenario classification, when the forwarder could place the packet. */
  scenario?: string;
  findings: Finding[];
}

/** One packet seen on both nodes of a cross-node scenario. */
export interface FlowResult {
  scenario: string;
  direction: string;
  /** Index of the packet captured where it entered the VXLAN tunnel, and where it left it. */
  sent: number;
  received: number;
  key: string;
  ttlSent?: number;
  ttlReceived?: number;
}

export interface CheckResult {
  /** Ids of the rules that ran. */
  rules: string[];
  packets: PacketResult[];
  findings: Finding[];
  /** Cross-node flows: one packet captured on both nodes. */
  flows: FlowResult[];
  summary: { packets: number; conforming: number; violating: number; errors: number; warnings: number };
}
