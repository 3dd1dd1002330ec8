/**
 * IPv4 FIB lookups as ip4-lookup does them: the longest matching prefix wins; a path via a
 * next hop that is not on a link of the node is resolved recursively through the FIB (VPP
 * then stacks the route on another load-balance object, and the trace shows
 * ip4-load-balance after ip4-lookup).
 */
import { inPrefix, parsePrefix } from "../model/ip4.js";
import type { FibEntry, VppInterface, VppNode } from "./types.js";
import { NotModelledError } from "./nat44.js";

export type FibResult =
  /** `nextHop` undefined: a gateway the description does not name. */
  | { kind: "forward"; interface: VppInterface; nextHop: string | undefined; entry: FibEntry; recursive: boolean }
  | { kind: "receive"; interface: VppInterface; entry: FibEntry }
  | { kind: "drop"; entry?: FibEntry };

/** Longest-prefix match; entries are few (tens), so a scan is as fast as a trie. */
export function longestMatch(fib: FibEntry[], ip: string): FibEntry | undefined {
  let best: FibEntry | undefined;
  let bestLength = -1;
  for (const entry of fib) {
    const length = parsePrefix(entry.prefix).length;
    if (length > bestLength && inPrefix(ip, entry.prefix)) [best, bestLength] = [entry, length];
  }
  return best;
}

export function interfaceByKey(node: VppNode, key: string): VppInterface {
  const found = node.interfaces.find((i) => i.key === key);
  if (found === undefined) throw new Error(`${node.name}: FIB names interface '${key}', which the node does not have`);
  return found;
}

/** What ip4-lookup does with `dst` on `node`. Without a matching entry VPP's default route drops. */
export function fibLookup(node: VppNode, dst: string, depth = 0): FibResult {
  const entry = longestMatch(node.fib, dst);
  if (entry === undefined) return { kind: "drop" };
  const path = entry.path;
  switch (path.kind) {
    case "drop":
      return { kind: "drop", entry };
    case "unmodelled":
      throw new NotModelledError(`${dst} matches ${entry.prefix}, whose DPO '${path.text}' the model does not forward by (${entry.why})`);
    case "receive":
      return { kind: "receive", interface: interfaceByKey(node, path.interface), entry };
    case "attached":
      return { kind: "forward", interface: interfaceByKey(node, path.interface), nextHop: dst, entry, recursive: false };
    case "via": {
      if (!path.recursive || path.via === undefined || depth > 4) return { kind: "forward", interface: interfaceByKey(node, path.interface), nextHop: path.via, entry, recursive: false };
      const resolved = fibLookup(node, path.via, depth + 1);
      if (resolved.kind !== "forward") return { kind: "drop", entry };
      return { kind: "forward", interface: resolved.interface, nextHop: path.via, entry, recursive: true };
    }
  }
}

/** `fib 10.1.2.0/24 via 192.168.30.2 loop0`: an entry as the explanation of a hop prints it. */
export function describeFibEntry(entry: FibEntry, node: VppNode): string {
  const path = entry.path;
  const name = (key: string): string => {
    const i = node.interfaces.find((x) => x.key === key);
    return i?.name ?? i?.description ?? key;
  };
  switch (path.kind) {
    case "drop":
      return `fib ${entry.prefix} drop (${entry.why})`;
    case "unmodelled":
      return `fib ${entry.prefix} ${path.text} (${entry.why})`;
    case "receive":
      return `fib ${entry.prefix} receive on ${name(path.interface)} (${entry.why})`;
    case "attached":
      return `fib ${entry.prefix} attached to ${name(path.interface)} (${entry.why})`;
    case "via":
      return `fib ${entry.prefix} via ${path.via ?? "the gateway"} ${name(path.interface)} (${entry.why})`;
  }
}
