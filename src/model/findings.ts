/** Types of the conformance check: rule findings and per-packet verdicts. */
import type { Direction, NodeRole, PacketMatch, Phase } from "./expectation.js";
import type { Severity } from "./trace.js";

export interface PacketRef {
  index: number;
  label: string;
  file: string;
  line: number;
  thread: number | null;
  number: number | null;
}

/** A place in a trace file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  packet: PacketRef;
  /** The node record the finding is about. */
  node: string;
  file: string;
  line: number;
  /** Where the offending value itself stands (the TTL on its own line), when the rule knows:
   *  what editors and CI annotations point at; else the record's header line. */
  at?: Position;
  expected: string;
  actual: string;
  /** One sentence in the packet-flow guide's vocabulary. */
  message: string;
}

/**
 * A packet's verdict. `violates`: a rule found an error. `incomplete`: part of the packet
 * could not be read (a garbled line, a cut record), so the rules saw less than VPP printed.
 * `unchecked`: the invariants found nothing, but no expected path could be placed for the
 * packet (`reason` says why), so it was not compared with what VPP should have done.
 * `conforms`: checked against its expected path and the invariants, nothing wrong.
 */
export type Verdict = "conforms" | "violates" | "unchecked" | "incomplete";

export const VERDICTS: readonly Verdict[] = ["conforms", "violates", "unchecked", "incomplete"];

export interface PacketResult {
  packet: PacketRef;
  verdict: Verdict;
  /** Why the packet is `unchecked` or `incomplete`. */
  reason?: string;
  /** Where the packet was placed, in one line (`pod-to-pod-same-node request on k8s-master`). */
  scenario?: string;
  /** The same, as data: the connection's label, which packet of it, on which node. */
  placement?: { scenario: string; direction: Direction; phase: Phase; k8sNode: string; role: NodeRole };
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
  /** Ids of the rules among them that compare a packet with its expected path: what an
   *  `unchecked` packet skips. */
  expectationRules: string[];
  packets: PacketResult[];
  findings: Finding[];
  /** Cross-node flows: one packet captured on both nodes. */
  flows: FlowResult[];
  summary: CheckSummary;
}

export interface CheckSummary {
  packets: number;
  conforming: number;
  violating: number;
  unchecked: number;
  incomplete: number;
  errors: number;
  warnings: number;
}

/** A packet's result and the match it was checked against (for reporters that draw it). */
export interface CheckedPacket {
  result: PacketResult;
  match: PacketMatch;
}
