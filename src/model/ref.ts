/** How results name a packet: its index, label and where it is, as own copies that do not
 *  keep the parsed piece alive. */
import type { PacketRef } from "./findings.js";
import { own, ownName } from "./own.js";
import type { Packet } from "./trace.js";

export function packetRef(p: Packet): PacketRef {
  return { index: p.index, label: own(p.label), file: ownName(p.file), line: p.line, thread: p.thread?.index ?? null, number: p.number };
}
