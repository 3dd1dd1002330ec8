/**
 * The text inside each stage box: the graph node, where it is (from the expected path),
 * and what a reader looks for there — the ACL's verdict, the NAT translation, the VXLAN
 * outer and inner headers, the header where it changes, the TTL where it changes, the
 * egress — then, for a stage a rule found wrong, the rule with expected and actual.
 * Lines wrap at word boundaries and are never cut: an address is always whole.
 */
import type { Finding } from "../../model/findings.js";
import { ACL_ACTION_NAMES, type NodeRecord } from "../../model/trace.js";
import { headerLine, packetHeaders, translation, type HeaderText, type PacketHeaders } from "./headers.js";

export type LineKind = "node" | "label" | "rule" | "detail";

export interface StageLine {
  text: string;
  kind: LineKind;
}

/** Characters per line before a label wraps: wide enough for a 5-tuple of full addresses. */
export const WRAP_CHARS = 48;


/** Splits at spaces into lines of at most `width` characters; a longer word gets a line of
 *  its own, split only if it alone is longer than a line. */
export function wrap(text: string, width = WRAP_CHARS): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line === "" ? word : `${line} ${word}`;
    if ([...next].length <= width) {
      line = next;
      continue;
    }
    if (line !== "") lines.push(line);
    const chars = [...word];
    while (chars.length > width) lines.push(chars.splice(0, width).join(""));
    line = chars.join("");
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

function aclLabel(r: NodeRecord): string[] {
  const acl = r.fields.acl;
  if (acl?.action === undefined) return [];
  const word = ACL_ACTION_NAMES[acl.action];
  return [`acl ${acl.acl} rule ${acl.rule} · action ${acl.action}${word === undefined ? "" : ` (${word})`}`];
}

function natLabels(r: NodeRecord, i: number, headers: PacketHeaders, identity: boolean): string[] {
  const session = r.fields.nat?.session;
  if (session === undefined) return [];
  if (session < 0) return [`NAT session -1: not translated`];
  const changed = translation(headers.before(i), headers.after(i));
  if (changed.length > 0) return [`NAT session ${session}`, ...changed];
  return [`NAT session ${session}`, identity ? "identity mapping: unchanged" : "unchanged"];
}

function vxlanLabels(r: NodeRecord, i: number, headers: PacketHeaders): string[] {
  const v = r.fields.vxlan;
  if (v === undefined) return [];
  const [outer, inner] = v.direction === "encap" ? [headers.after(i), headers.before(i)] : [headers.before(i), headers.after(i)];
  return [`VXLAN ${v.direction} vni ${v.vni ?? "?"}`, ...(outer ? [`outer ${headerLine(outer)}`] : []), ...(inner ? [`inner ${headerLine(inner)}`] : [])];
}

function egressLabel(r: NodeRecord): string[] {
  const w = r.fields.rewrite;
  if (w?.interface === undefined) return [];
  return [`out ${w.interface}${w.via === undefined ? "" : ` via ${w.via}`}`];
}

function dropLabel(r: NodeRecord): string[] {
  const d = r.fields.drop;
  return d === undefined ? [] : [`drop: ${[d.node, d.reason].filter(Boolean).join(": ")}`];
}

/** A header is shown where the packet first prints one and wherever it changes; the TTL
 *  likewise, so the decrement at each rewrite stands out. ACL tuples are the ACL's own view
 *  and do not count as a print of the header. */
function headerChanges(records: NodeRecord[], headers: PacketHeaders): string[][] {
  let shown: HeaderText | undefined;
  return records.map((r, i) => {
    const h = headers.at[i];
    if (h === undefined || (r.fields.ip4 === undefined && r.fields.hexdump?.ip4 === undefined)) return [];
    const labels: string[] = [];
    if (shown === undefined || headerLine(shown) !== headerLine(h)) labels.push(headerLine(h));
    if (h.ttl !== undefined && h.ttl !== shown?.ttl) labels.push(`ttl ${h.ttl}`);
    shown = h;
    return labels;
  });
}

export interface RecordContext {
  /** Where the expected path puts this stage (`client pod TAP`), when the packet is placed. */
  at?: string;
  /** The expected path says this NAT stage is an identity mapping. */
  identity?: boolean;
}

/** The label lines of each record of a packet, in order. */
export function packetLabels(records: NodeRecord[], context: (i: number) => RecordContext = () => ({})): string[][] {
  const headers = packetHeaders(records);
  const changes = headerChanges(records, headers);
  return records.map((r, i) => {
    const { at, identity } = context(i);
    return [
      ...(at ? [at] : []),
      ...aclLabel(r),
      ...natLabels(r, i, headers, identity === true),
      ...vxlanLabels(r, i, headers),
      ...changes[i],
      ...egressLabel(r),
      ...dropLabel(r),
    ];
  });
}

/** A finding in the stage it is about: the rule, then expected and actual. */
export const findingLines = (f: Finding): StageLine[] => [
  { text: `${f.rule} (${f.severity})`, kind: "rule" },
  ...wrap(`expected ${f.expected}`).map((text): StageLine => ({ text, kind: "detail" })),
  ...wrap(`actual ${f.actual}`).map((text): StageLine => ({ text, kind: "detail" })),
];

/** A stage's lines: the node name, its labels, then the extra lines (findings, changes). */
export function stageLines(node: string, labels: string[], extra: StageLine[] = []): StageLine[] {
  return [
    ...wrap(node).map((text): StageLine => ({ text, kind: "node" })),
    ...labels.flatMap((l) => wrap(l)).map((text): StageLine => ({ text, kind: "label" })),
    ...extra,
  ];
}
