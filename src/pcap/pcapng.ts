/**
 * pcapng blocks as the spec lays them out (IETF draft-ietf-opsawg-pcapng): a Section Header
 * Block, an Interface Description Block per interface, an Enhanced Packet Block per packet,
 * each with its options. Little-endian, every block and option padded to 32 bits, the block
 * length written at both ends. No npm library writes pcapng with per-packet comments and
 * stays small: these are the four block layouts, nothing more.
 */

/** Link types (tcpdump.org/linktypes.html). */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_IPV4 = 228;

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Option codes: opt_comment, if_name, if_tsresol, shb_userappl. */
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const SHB_USERAPPL = 4;

const pad4 = (n: number): number => (n + 3) & ~3;

type Option = [code: number, value: Uint8Array];

const text = (s: string): Uint8Array => Buffer.from(s, "utf8");

/** Options, then opt_endofopt: each a code, a length and the value padded to 32 bits. */
function options(list: Option[]): Buffer {
  if (list.length === 0) return Buffer.alloc(0);
  const out = Buffer.alloc(list.reduce((n, [, v]) => n + 4 + pad4(v.length), 4));
  let at = 0;
  for (const [code, value] of list) {
    out.writeUInt16LE(code, at);
    out.writeUInt16LE(value.length, at + 2);
    out.set(value, at + 4);
    at += 4 + pad4(value.length);
  }
  return out; // the last four bytes stay zero: opt_endofopt
}

/** A block: type, total length, body (padded), options, total length again. */
function block(type: number, body: Uint8Array, opts: Option[]): Buffer {
  const tail = options(opts);
  const length = 12 + pad4(body.length) + tail.length;
  const out = Buffer.alloc(length);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(length, 4);
  out.set(body, 8);
  out.set(tail, 8 + pad4(body.length));
  out.writeUInt32LE(length, length - 4);
  return out;
}

export function sectionHeader(application: string): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  body.writeUInt16LE(1, 4);
  body.writeUInt16LE(0, 6);
  body.writeBigInt64LE(-1n, 8); // section length not given
  return block(SHB, body, [[SHB_USERAPPL, text(application)]]);
}

/** An interface; timestamps in microseconds (if_tsresol 6, VPP prints microseconds);
 *  snaplen 0: no limit was set, each packet says how much of it was printed. */
export function interfaceDescription(linkType: number, name: string): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(linkType, 0);
  body.writeUInt32LE(0, 4);
  return block(IDB, body, [
    [IF_NAME, text(name)],
    [IF_TSRESOL, Uint8Array.of(6)],
  ]);
}

export interface EnhancedPacket {
  interfaceId: number;
  /** Microseconds since the epoch (or since VPP started, for relative trace times). */
  micros: bigint;
  data: Uint8Array;
  originalLength: number;
  comment: string;
}

export function enhancedPacket(p: EnhancedPacket): Buffer {
  const body = Buffer.alloc(20 + p.data.length);
  body.writeUInt32LE(p.interfaceId, 0);
  body.writeUInt32LE(Number(p.micros >> 32n), 4);
  body.writeUInt32LE(Number(p.micros & 0xffffffffn), 8);
  body.writeUInt32LE(p.data.length, 12);
  body.writeUInt32LE(p.originalLength, 16);
  body.set(p.data, 20);
  return block(EPB, body, [[OPT_COMMENT, text(p.comment)]]);
}
