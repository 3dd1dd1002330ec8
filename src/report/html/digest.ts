/**
 * What the report keeps of a checked packet until it is drawn: per record its node, place,
 * raw lines, whether the expected path has a place for it, and its label lines; the lane's
 * title, the list's first header and addresses, the VXLAN hop's text; and the packet's result
 * (the checker may still add a tunnel finding to it). The packet itself, its typed fields and
 * its match are let go: a report of 10,000 packets holds their digests, not the packets —
 * and each digest packed (deflated JSON, about a fifth of the raw lines' size) until its
 * section is drawn, with only its result as an object.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { CheckedPacket, PacketResult } from "../../model/findings.js";
import type { Packet } from "../../model/trace.js";
import { headerLine, packetAddresses, recordHeader } from "./headers.js";
import { packetLabels } from "./stage-lines.js";

export interface StageDigest {
  node: string;
  file: string;
  line: number;
  onPath: boolean;
  labels: string[];
  /** The record's raw lines, one string: a copy of its own, which does not keep the piece of
   *  input it was read from alive. */
  raw: string;
}

export interface PacketDigest {
  index: number;
  label: string;
  file: string;
  line: number;
  incomplete: boolean;
  /** Where the packet was placed (`k8s-master (client)`), or `unplaced`. */
  where: string;
  stages: StageDigest[];
  addresses: string[];
  /** The packet's first header in one line, for the list. */
  firstHeader: string;
  /** The VXLAN hop as the packet, when sent into the tunnel, prints it. */
  hop: string;
  result: PacketResult;
}

/** The VXLAN outer header and VNI as the sender's capture prints them after encapsulation. */
function hopText(sent: Packet): string {
  const records = sent.records;
  const encap = records.findIndex((r) => r.fields.vxlan?.direction === "encap");
  const outer = encap < 0 ? undefined : records.slice(encap + 1).map(recordHeader).find((h) => h !== undefined);
  const vni = encap < 0 ? undefined : records[encap].fields.vxlan?.vni;
  return `VXLAN${vni === undefined ? "" : ` vni ${vni}`}${outer === undefined ? "" : ` · outer ${headerLine(outer)}`}`;
}

function firstHeader(p: Packet): string {
  for (const r of p.records) {
    const h = recordHeader(r);
    if (h !== undefined) return headerLine(h);
  }
  return "";
}

export function digestPacket(packet: Packet, { result, match }: CheckedPacket): PacketDigest {
  const hops = match.kind === "placed" ? match.expectation.alignment.hops : [];
  const labels = packetLabels(packet.records, (i) => ({ at: hops[i]?.at, identity: hops[i]?.expect.nat?.identity }));
  const where = match.kind === "placed" ? `${match.expectation.k8sNode}${match.expectation.role === "node" ? "" : ` (${match.expectation.role})`}` : "unplaced";
  return {
    index: packet.index,
    label: packet.label,
    file: packet.file,
    line: packet.line,
    incomplete: packet.incomplete === true,
    where,
    stages: packet.records.map((r, i) => ({ node: r.node, file: r.file, line: r.line, onPath: hops[i] !== undefined, labels: labels[i], raw: r.raw.join("\n") })),
    addresses: packetAddresses(packet.records),
    firstHeader: firstHeader(packet),
    hop: hopText(packet),
    result,
  };
}

/** A digest as the report holds it until drawn: the result, and the rest deflated. */
export interface PackedDigest {
  index: number;
  result: PacketResult;
  packed: Buffer;
}

export function packDigest({ result, ...rest }: PacketDigest): PackedDigest {
  // Level 1: the digest is unpacked once; speed matters more than the last few bytes. A copy
  // of zlib's output: the output itself is a view of a 16 KB buffer, which it keeps alive.
  return { index: rest.index, result, packed: Buffer.from(deflateRawSync(JSON.stringify(rest), { level: 1 })) };
}

export function unpackDigest({ result, packed }: PackedDigest): PacketDigest {
  return { ...(JSON.parse(inflateRawSync(packed).toString("utf8")) as Omit<PacketDigest, "result">), result };
}
