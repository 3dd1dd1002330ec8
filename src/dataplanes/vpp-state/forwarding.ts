/**
 * The forwarding tables of a node as its state shows them: the IPv4 FIB of table 0
 * (`show ip fib`: each prefix's first leaf DPO — a next hop, a receive, a glean, a drop),
 * the neighbours (`show ip neighbors`), the bridge domains with their members, BVI and
 * static L2 FIB (`show bridge-domain N detail`, `show l2fib verbose`).
 */
import type { Dpo, FibRow } from "../../../grammar/show/index.js";
import type { BridgeDomain, FibEntry, FibPath, Neighbour, VppInterface } from "../../vpp/types.js";
import type { Sections } from "./sections.js";

function pathOf(dpo: Dpo): FibPath {
  switch (dpo.kind) {
    case "via":
      return { kind: "via", via: dpo.via, interface: dpo.iface };
    case "receive":
      return { kind: "receive", interface: dpo.iface };
    case "glean":
      return { kind: "attached", interface: dpo.iface };
    case "drop":
      return { kind: "drop" };
    case "other":
      return { kind: "unmodelled", text: dpo.text };
  }
}

const dpoText = (dpo: Dpo): string => {
  switch (dpo.kind) {
    case "via":
      return `${dpo.incomplete ? "arp-ipv4: " : "ipv4 "}via ${dpo.via} ${dpo.iface}`;
    case "receive":
      return `dpo-receive on ${dpo.iface}`;
    case "glean":
      return `ipv4-glean on ${dpo.iface}`;
    case "drop":
      return "dpo-drop";
    case "other":
      return dpo.text;
  }
};

function fibEntry(s: Sections, row: FibRow, interfaces: Map<string, VppInterface>): FibEntry | undefined {
  const dpo = row.dpos[0];
  if (dpo === undefined) {
    s.warn(row.line, `show ip fib: ${row.prefix} has no DPO the model reads: left out`);
    return undefined;
  }
  const path = pathOf(dpo);
  if ("interface" in path && !interfaces.has(path.interface)) {
    s.warn(row.line, `show ip fib: ${row.prefix} names ${path.interface}, which no interface command lists: left out`);
    return undefined;
  }
  const more = row.dpos.length > 1 ? `, the first of ${row.dpos.length} load-balanced paths` : "";
  const recursive = row.recursive ? ", resolved through another entry" : "";
  return { prefix: row.prefix, path, why: `show ip fib: ${row.prefix} ${dpoText(dpo)}${more}${recursive} (${s.at(row.line)})` };
}

export function renderFib(s: Sections, interfaces: Map<string, VppInterface>): FibEntry[] {
  const rows = s.all("ip-fib").flatMap((x) => x.data.rows);
  // Only table 0 (VRF 0) is walked; a dump of several tables gives its first entry per prefix.
  const seen = new Set<string>();
  const fib: FibEntry[] = [];
  for (const row of rows) {
    if (row.vrf !== 0 || seen.has(row.prefix)) continue;
    seen.add(row.prefix);
    const entry = fibEntry(s, row, interfaces);
    if (entry !== undefined) fib.push(entry);
  }
  return fib;
}

export function renderNeighbours(s: Sections, interfaces: Map<string, VppInterface>): Neighbour[] {
  return s.all("ip-neighbors").flatMap(({ data }) =>
    data.rows
      .filter((r) => interfaces.has(r.iface))
      .map((r) => ({ ip: r.ip, mac: r.mac, interface: r.iface, why: `show ip neighbors: ${r.ip} is ${r.mac} on ${r.iface}${r.isStatic ? " (static)" : ""} (${s.at(r.line)})` })),
  );
}

export function renderBridgeDomains(s: Sections, interfaces: Map<string, VppInterface>): BridgeDomain[] {
  const domains = new Map<number, BridgeDomain>();
  const indexToId = new Map<number, number>();
  for (const { data } of s.all("bridge-domain")) {
    for (const row of data.rows) {
      const bd: BridgeDomain = { id: row.id, members: row.members.map((m) => m.name).filter((n) => interfaces.has(n)), l2fib: [], why: `show bridge-domain ${row.id} detail (${s.at(row.line)})` };
      const bvi = row.members.find((m) => m.bvi)?.name ?? row.bvi;
      if (bvi !== undefined && interfaces.has(bvi)) bd.bvi = bvi;
      if (row.learning !== undefined) bd.learning = row.learning;
      domains.set(row.id, bd);
      indexToId.set(row.index ?? row.id, row.id);
    }
  }
  // Members the domain listing left out (or a dump without it): from each interface's mode.
  for (const iface of interfaces.values()) {
    const member = iface.bridgeDomain;
    if (member === undefined) continue;
    let bd = domains.get(member.id);
    if (bd === undefined) domains.set(member.id, (bd = { id: member.id, members: [], l2fib: [], why: `${iface.name} is in bridge domain ${member.id} (${iface.why})` }));
    if (!bd.members.includes(iface.key)) bd.members.push(iface.key);
    if (member.bvi) bd.bvi = iface.key;
  }
  for (const { data } of s.all("l2fib")) {
    for (const row of data.rows) {
      const bd = domains.get(indexToId.get(row.bd) ?? row.bd);
      if (bd === undefined || !interfaces.has(row.iface)) {
        s.warn(row.line, `show l2fib: ${row.mac} is in bridge domain index ${row.bd} on ${row.iface}, which the state does not otherwise show`);
        continue;
      }
      bd.l2fib.push({ mac: row.mac, interface: row.iface, why: `show l2fib: ${row.mac} → ${row.iface} (${s.at(row.line)})` });
    }
  }
  return [...domains.values()];
}
