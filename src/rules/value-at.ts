/**
 * Where the value a rule read stands in the trace, for the finding to point at: the TTL and
 * the checksum sit on the `tos …` line under an IPv4 summary, lines below the record's
 * header, and an editor or a CI annotation should land on the value, not on the header.
 */
import type { Position } from "../model/findings.js";
import type { HexDump, Ip4Header } from "../model/trace.js";
import type { HeaderView } from "../trace/headers.js";

type PrintedValue = "ttl" | "checksum";

/** The position of a value of a printed IPv4 header, when the decoder found it. */
export function printedValueAt(ip4: Ip4Header | undefined, value: PrintedValue): Position | undefined {
  const column = value === "ttl" ? ip4?.ttlColumn : ip4?.checksumColumn;
  return ip4?.tosLine === undefined || column === undefined ? undefined : { line: ip4.tosLine, column };
}

/** The position of the TTL or checksum bytes of an ip4-rewrite's hex dump. */
export function dumpedValueAt(dump: HexDump | undefined, value: PrintedValue): Position | undefined {
  const ip4 = dump?.ip4;
  const [line, column] = value === "ttl" ? [ip4?.ttlLine, ip4?.ttlColumn] : [ip4?.checksumLine, ip4?.checksumColumn];
  return line === undefined || column === undefined ? undefined : { line, column };
}

/** The same for a header view, printed or dumped. */
export const viewValueAt = (view: HeaderView, value: PrintedValue): Position | undefined =>
  view.source === "print" ? printedValueAt(view.record.fields.ip4, value) : dumpedValueAt(view.record.fields.hexdump, value);
