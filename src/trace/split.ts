/**
 * VPP prints a record header only when the node changes (format_vlib_trace), so several
 * trace entries of one node in a row — l2-flood replicating a broadcast, two ACL passes —
 * sit under one header. An entry's first line repeats its node's tag (`l2-flood:`,
 * `acl-plugin:`, `NAT44_OUT2IN:`, `VXLAN encap`), so a later line at the same indentation
 * that starts with the same tag begins the next entry.
 */
import type { SyntaxLine } from "../../grammar/index.js";

/** The first word when it ends with `:` (or stands alone), else the first two words. A tag
 *  is short: only the line's start is split, whatever its length. */
function entryTag(text: string): string {
  const [first, second] = text.slice(0, 256).split(/\s+/, 2);
  return first.endsWith(":") || second === undefined ? first : `${first} ${second}`;
}

/** A tag must name something: one word of 3+ letters ending in ':' or a two-word phrase. */
const TAG = /^[A-Za-z][\w-]{2,}(?::| [A-Za-z]+)$/;

/** Entries of one header at most: VPP replicates a packet to tens of ports, not thousands;
 *  past this the rest of the body stays in the last entry (one record, whose length is
 *  reported), so a million repeated lines do not become a million records. */
export const MAX_SHARED_ENTRIES = 1000;

/** The body's lines cut into entries, each starting with the tag of the first. Most
 *  records hold one entry: then the body comes back as it is. */
export function splitSharedHeader(lines: SyntaxLine[]): SyntaxLine[][] {
  const first = lines[0];
  if (first === undefined || first.token !== "TextLine") return [lines];
  let tag: string | undefined;
  let entries: SyntaxLine[][] | undefined;
  let start = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.token !== "TextLine" || line.column !== first.column) continue;
    tag ??= entryTag(first.text);
    if (!TAG.test(tag)) return [lines];
    // A line that does not start with the tag's first word cannot repeat it.
    if (!line.text.startsWith(tag.split(" ", 1)[0]) || entryTag(line.text) !== tag) continue;
    (entries ??= []).push(lines.slice(start, i));
    start = i;
    if (entries.length === MAX_SHARED_ENTRIES - 1) break;
  }
  if (entries === undefined) return [lines];
  entries.push(lines.slice(start));
  return entries;
}
