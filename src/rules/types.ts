/**
 * What a rule is: an id, a one-line description, a default severity and a pure check over
 * one packet that reports through the context — the shape of an ESLint rule.
 */
import type { PacketExpectation } from "../model/expectation.js";
import type { Position } from "../model/findings.js";
import type { FieldName, NodeRecord, Packet, Severity } from "../model/trace.js";
import type { HeaderView } from "../trace/headers.js";

export interface RuleMeta {
  /** `invariant`: needs no configuration (some also use the expectation when there is
   *  one); `expectation`: compares the packet with its expected path. */
  kind: "invariant" | "expectation";
  /** Stable kebab-case id, used by --rule/--skip and in every output format. */
  id: string;
  description: string;
  severity: Severity;
  /** An invariant that also compares with the expected path when there is one. */
  usesExpectation?: boolean;
}

export interface Report {
  /** The record the finding is about (only its node, file and line are kept). */
  record: Pick<NodeRecord, "node" | "file" | "line">;
  /** Where the value the rule read stands in the record (see value-at.ts). */
  at?: Position;
  expected: string;
  actual: string;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
}

export interface RuleContext {
  packet: Packet;
  /** The packet's IPv4 headers in order (trace/headers.ts), computed once for all rules. */
  views: HeaderView[];
  /** The packet's expected path on the node it was captured on, when it could be placed. */
  expectation?: PacketExpectation;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** The record fields its check reads, itself or through its helpers; `check` decodes no
   *  others (ParseOptions.fields). The header views are the engine's (VIEW_FIELDS). */
  reads: FieldName[];
  check(context: RuleContext): void;
}
