/**
 * Where a packet enters VPP: by the interface of the node that faces its source — the one
 * the node's own FIB would send the source's traffic to, on a TAP or a NIC (not through a
 * tunnel). A pod or a host address faces exactly one node; an address outside the cluster
 * faces every node's NIC, so the node is the one the packet is addressed to.
 */
import { own } from "../model/own.js";
import { fibLookup } from "../vpp/fib.js";
import type { VppInterface, VppNetwork, VppNode } from "../vpp/types.js";
import { nodeWithAddress } from "./walk.js";

export interface Entry {
  node: VppNode;
  iface: VppInterface;
}

/** A connection the configuration cannot place: the message says what is missing. Thrown
 *  for many packets of a large trace, so it skips the stack trace an Error captures. */
export class PlacementError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** Device interfaces packets enter VPP by (not a tunnel, not a loopback). */
const DEVICES = new Set(["tap", "ethernet", "af-packet"]);

function facing(node: VppNode, src: string): { iface: VppInterface; prefix: number } | undefined {
  const result = fibLookup(node, src);
  if (result.kind !== "forward" || !DEVICES.has(result.interface.kind)) return undefined;
  return { iface: result.interface, prefix: Number(result.entry.prefix.split("/")[1]) };
}

/** Does `node` deliver `dst` to one of its own TAPs (a pod, the host) or to itself? */
function deliversLocally(node: VppNode, dst: string): boolean {
  const result = fibLookup(node, dst);
  return result.kind === "receive" || (result.kind === "forward" && result.interface.kind === "tap");
}

/** Entries per network and address pair: every packet of a capture asks about the same few.
 *  A rendered network is not changed; the map is bounded. */
const entries = new WeakMap<VppNetwork, Map<string, Entry | PlacementError>>();

export function entryFor(network: VppNetwork, src: string, dst: string): Entry {
  let known = entries.get(network);
  if (known === undefined) entries.set(network, (known = new Map()));
  const key = `${src}>${dst}`;
  let entry = known.get(key);
  if (entry === undefined) {
    try {
      entry = resolveEntry(network, src, dst);
    } catch (error) {
      if (!(error instanceof PlacementError)) throw error;
      entry = error;
    }
    if (known.size >= 4096) known.clear();
    known.set(own(key), entry);
  }
  if (entry instanceof PlacementError) throw entry;
  return entry;
}

function resolveEntry(network: VppNetwork, src: string, dst: string): Entry {
  const faced = network.nodes.flatMap((node) => {
    const f = facing(node, src);
    return f === undefined ? [] : [{ node, iface: f.iface, prefix: f.prefix }];
  });
  const candidates = faced.map(({ node, iface }) => ({ node, iface }));
  const local = candidates.filter((c) => c.iface.kind === "tap");
  if (local.length >= 1) return local[0];
  // A state's interfaces are all devices: the node with the most specific route back to the
  // source (a pod's /32, a host's subnet) has it behind that interface; a default route does not.
  const specific = faced.filter((c) => c.iface.kind === "af-packet" && c.prefix > 0).sort((a, b) => b.prefix - a.prefix);
  if (specific.length === 1 || (specific.length > 1 && specific[0].prefix > specific[1].prefix)) return { node: specific[0].node, iface: specific[0].iface };
  const addressed = nodeWithAddress(network, dst);
  if (addressed !== undefined && candidates.some((c) => c.node === addressed.node)) return addressed;
  if (candidates.length === 1) return candidates[0];
  // From outside to a pod (no source NAT on the way out): the node that holds the pod.
  const holding = candidates.filter((c) => deliversLocally(c.node, dst));
  if (holding.length === 1) return holding[0];
  if (candidates.length === 0) throw new PlacementError(`no node has a route back to ${src}: where it enters VPP is not known`);
  throw new PlacementError(`${src} is outside the cluster and ${dst} is no node's address: which node the packet enters is not known`);
}
