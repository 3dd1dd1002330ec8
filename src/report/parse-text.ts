/** `parse --format text`: per packet a heading and a table of its records. */
import Table from "cli-table3";
import { escapeControl } from "./escape.js";
import type { Packet } from "../model/trace.js";
import { recordFlow, recordInterface, recordTtl, recordVerdict } from "./summary.js";

/** No rule between body rows: a packet of 25 records stays readable on one screen. */
export const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

export function packetHeading(p: Packet): string {
  const thread = p.thread === null ? "" : `, thread ${p.thread.index} ${p.thread.name}`;
  // A packet joined from two workers' halves names where its second half was printed.
  const to = p.joined === undefined ? "" : ` handed off to ${p.joined.thread === null ? "another thread" : `thread ${p.joined.thread.index} ${p.joined.thread.name}`} (${p.joined.label} at line ${p.joined.line})`;
  return `[${p.index}] ${p.label} (${p.file}:${p.line}${thread})${to}`;
}

export function renderPacketText(p: Packet): string {
  const table = new Table({
    head: ["line", "node", "interface", "packet", "ttl", "acl / nat / drop"],
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const r of p.records) {
    // Control characters escaped before the layout, so that the widths are those shown.
    table.push([r.line, r.node + (r.headerless ? " (no header)" : ""), recordInterface(r), recordFlow(r), recordTtl(r), recordVerdict(r)].map((c) => (typeof c === "string" ? escapeControl(c) : c)));
  }
  return `${packetHeading(p)}\n${table.toString()}\n`;
}
