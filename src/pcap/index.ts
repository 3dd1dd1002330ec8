/**
 * Packets of a trace → a pcapng capture: one packet block per hex dump a record printed
 * (ip4-rewrite and output nodes' dumps, dpdk's `Packet Dump`), on one interface per VPP
 * interface seen — named after it, Ethernet, or raw IPv4 when the dump starts at the IP
 * header (an L3 tunnel's rewrite). Built as packets stream in; only the blocks are kept.
 */
import type { HexDump, NodeRecord, Packet } from "../model/trace.js";
import { enhancedPacket, interfaceDescription, LINKTYPE_ETHERNET, LINKTYPE_IPV4, sectionHeader } from "./pcapng.js";

/** The VPP interface a dump was printed for: where it was sent (rewrite, output) or
 *  received (input); else the node itself. */
function interfaceOf(record: NodeRecord): string {
  const f = record.fields;
  return f.rewrite?.interface ?? f.output?.interface ?? f.input?.interface ?? record.node;
}

/** The packet's length on the wire: the IPv4 total length after whatever precedes the
 *  header, when the dump shows it; else as long as the dump. */
function originalLength(dump: HexDump, printed: number): number {
  return dump.ip4 === undefined ? printed : dump.ip4.offset + dump.ip4.length;
}

/** Seconds as printed (6 decimals) → microseconds, without a float's rounding. */
const micros = (record: NodeRecord): bigint => (record.time === null ? 0n : BigInt(Math.round(record.time.seconds * 1e6)));

export class PcapBuilder {
  private readonly blocks: Buffer[];
  private readonly interfaces = new Map<string, number>();
  /** Packet blocks written. */
  count = 0;

  /** Interfaces described. */
  get interfaceCount(): number {
    return this.interfaces.size;
  }

  constructor(application: string) {
    this.blocks = [sectionHeader(application)];
  }

  add(packets: Packet[]): void {
    for (const packet of packets) for (const record of packet.records) if (record.fields.hexdump !== undefined) this.addDump(packet, record, record.fields.hexdump);
  }

  /** The capture: the section header, the interfaces and packets in the order seen. */
  bytes(): Buffer {
    return Buffer.concat(this.blocks);
  }

  private addDump(packet: Packet, record: NodeRecord, dump: HexDump): void {
    const printed = Buffer.from(dump.bytes, "hex");
    const original = originalLength(dump, printed.length);
    // A dump past the packet's end (dpdk copies a fixed amount) holds no packet bytes.
    const data = printed.subarray(0, Math.min(printed.length, original));
    const comment = `[${packet.index}] ${packet.label}: ${record.node} at ${record.file}:${record.line}${record.thread === undefined ? "" : ` (thread ${record.thread.index})`}`;
    this.blocks.push(enhancedPacket({ interfaceId: this.interfaceId(interfaceOf(record), dump.ip4?.offset === 0 ? LINKTYPE_IPV4 : LINKTYPE_ETHERNET), micros: micros(record), data, originalLength: Math.max(original, data.length), comment }));
    this.count++;
  }

  /** One interface per VPP interface and link type, described when first used. */
  private interfaceId(name: string, linkType: number): number {
    const key = `${linkType}:${name}`;
    let id = this.interfaces.get(key);
    if (id === undefined) {
      id = this.interfaces.size;
      this.interfaces.set(key, id);
      this.blocks.push(interfaceDescription(linkType, linkType === LINKTYPE_IPV4 ? `${name} (IPv4)` : name));
    }
    return id;
  }
}
