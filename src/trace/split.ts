/**
 * VPP prints a record header only when the node changes (format_vlib_trace), so several
 * trace entries of one node in a row — l2-flood replicating a broadcast, two ACL passes —
 * sit under one header. An entry's first line repeats its node's tag (`l2-flood:`,
 * `acl-plugin:`, `NAT44_OUT2IN:`, `VXLAN encap`), so a later line at the same indentation
 * that starts with the same tag begins the next entry.
 */
import type { SyntaxBlock } from "../../grammar/index.js";

function entryTag(text: string): string {
  const [first, second] = text.split(/\s+/, 2);
  return first.endsWith(":") || second === undefined ? first : `${first} ${second}`;
}

export function splitSharedHeader(blocks: SyntaxBlock[]): SyntaxBlock[][] {
  const first = blocks[0]?.lines[0];
  if (first === undefined || first.token !== "TextLine") return [blocks];
  const tag = entryTag(first.text);
  // A tag must name something: one word of 3+ letters ending in ':' or a two-word phrase.
  if (!/^[A-Za-z][\w-]{2,}(?::| [A-Za-z]+)$/.test(tag)) return [blocks];
  const entries: SyntaxBlock[][] = [[blocks[0]]];
  for (const block of blocks.slice(1)) {
    const line = block.lines[0];
    const repeats = block.shape === "line" && line.token === "TextLine" && line.column === first.column && entryTag(line.text) === tag;
    if (repeats) entries.push([block]);
    else entries[entries.length - 1].push(block);
  }
  return entries;
}
