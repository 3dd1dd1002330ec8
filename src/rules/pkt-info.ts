/**
 * pkt-info: the ACL plugin's `pkt info` words (its packed 5-tuple hash key) decode to the
 * same 5-tuple as its human-readable `input|output … l3 ip4 a -> b l4 … port x -> y` line,
 * and both match the packet's IPv4/L4 header at that point of the path.
 */
import type { AclTuple, NodeRecord } from "../model/trace.js";
import type { HeaderView } from "../trace/headers.js";
import type { Rule, RuleContext } from "./types.js";

type Key = "src" | "dst" | "proto" | "srcPort" | "dstPort";
const KEYS: Key[] = ["src", "dst", "proto", "srcPort", "dstPort"];
const tupleText = (t: Pick<AclTuple, Key>): string => `proto ${t.proto} ${t.src}:${t.srcPort} -> ${t.dst}:${t.dstPort}`;

function differs(a: Pick<AclTuple, Key>, b: Partial<Pick<AclTuple, Key>>): boolean {
  return KEYS.some((k) => b[k] !== undefined && a[k] !== b[k]);
}

function checkAgainstLine(record: NodeRecord, report: RuleContext["report"]): void {
  const acl = record.fields.acl!;
  const { pktInfoTuple: packed, tuple } = acl;
  if (packed === undefined || tuple === undefined) return;
  if (differs(packed, tuple)) {
    report({
      record,
      expected: tupleText(tuple),
      actual: tupleText(packed),
      message: `the ACL's pkt info words (line ${acl.pktInfoLine}) should pack the 5-tuple of its ${tuple.isInput === false ? "output" : "input"} line (line ${acl.tupleLine})`,
    });
  }
  if (tuple.swIfIndex !== undefined && packed.swIfIndex !== undefined && (packed.swIfIndex & 0xffff) !== (tuple.swIfIndex & 0xffff)) {
    report({ record, expected: `sw_if_index ${tuple.swIfIndex}`, actual: `sw_if_index ${packed.swIfIndex}`, message: `the ACL's pkt info words pack another interface than its 5-tuple line names` });
  }
  if (packed.isInput !== undefined && acl.direction !== undefined && packed.isInput !== (acl.direction === "in")) {
    report({ record, expected: acl.direction === "in" ? "is_input 1" : "is_input 0", actual: packed.isInput ? "is_input 1" : "is_input 0", message: `the pkt info direction bit contradicts ${record.node}` });
  }
}

function checkAgainstHeader(record: NodeRecord, header: HeaderView | undefined, report: RuleContext["report"]): void {
  const tuple = record.fields.acl!.tuple ?? record.fields.acl!.pktInfoTuple;
  if (tuple === undefined || header === undefined) return;
  const seen = { src: header.src, dst: header.dst, proto: header.proto, srcPort: header.srcPort, dstPort: header.dstPort };
  if (!differs(tuple, seen)) return;
  report({
    record,
    expected: `proto ${seen.proto} ${seen.src}:${seen.srcPort ?? "?"} -> ${seen.dst}:${seen.dstPort ?? "?"}`,
    actual: tupleText(tuple),
    message: `the ACL evaluated another 5-tuple than the packet's header at this point (${header.record.node}, line ${header.line})`,
  });
}

/** A node between two records that changes which header is the packet's: an encapsulation
 *  or decapsulation, or NAT. */
const REHEADS = /-encap$|^vxlan4-input$|^nat44-|^nat-pre-/;
const reheaded = (records: NodeRecord[], from: number, to: number): boolean => records.slice(from + 1, to).some((r) => REHEADS.test(r.node));

/** The header the ACL saw: the last print before it — or, when an encapsulation lies
 *  between (VPP 26.06 runs the output ACL after ip4-rewrite of the VXLAN outer packet, whose
 *  header no node prints before it), the first print after it, when nothing between them
 *  changes the header. */
function headerAt(records: NodeRecord[], views: HeaderView[], position: number): HeaderView | undefined {
  const before = views.filter((v) => v.position < position && v.source === "print").pop();
  if (before === undefined || !reheaded(records, before.position, position)) return before;
  const after = views.find((v) => v.position > position && v.source === "print");
  return after !== undefined && !reheaded(records, position, after.position) ? after : undefined;
}

export const pktInfo: Rule = {
  meta: { kind: "invariant", id: "pkt-info", description: "ACL pkt info words, the ACL 5-tuple line and the packet header agree", severity: "error" },
  reads: ["acl"],
  check({ packet, views, report }) {
    packet.records.forEach((record, position) => {
      if (record.fields.acl === undefined) return;
      checkAgainstLine(record, report);
      // The decoded print, not a hex dump: hexdump.ts judges the dump against the prints.
      checkAgainstHeader(record, headerAt(packet.records, views, position), report);
    });
  },
};
