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

export interface CheckResult {
  /** Ids of the rules that ran. */
  rules: string[];
  packets: PacketResult[];
  findings: Finding[];
  summary: { packets: number; conforming: number; violating: number; errors: number; warnings: number };
}
