/**
 * The interfaces of a node as its state shows them: names and sw_if_index (`show
 * interface`), IPv4 addresses and bridge-domain membership (`show interface address`,
 * `show mode`), the VXLAN tunnel behind a `vxlan_tunnelN` (`show vxlan tunnel`), the feature
 * nodes of each arc (`show interface features`). The kind follows from VPP's name for it.
 */
import type { InterfaceKind, VppInterface } from "../../vpp/types.js";
import type { Sections } from "./sections.js";

/** VPP names interfaces by driver: `host-<veth>` (af_packet), `tapN`/`tapcli-N`, `loopN`,
 *  `vxlan_tunnelN`, `local0`, the NIC drivers' `GigabitEthernet0/8/0`, `eth0`, `memif0/0`… */
export function kindOfName(name: string): InterfaceKind {
  if (/^host-/.test(name) || /^af_packet\d/.test(name)) return "af-packet";
  if (/^tap(?:cli-)?\d+$/.test(name)) return "tap";
  if (/^loop\d+$/.test(name)) return "loopback";
  if (/^vxlan_tunnel\d+$/.test(name)) return "vxlan-tunnel";
  if (name === "local0") return "local";
  if (/Ethernet|^eth\d|^en[ops]|^memif|^avf|^vmxnet|^virtio|^bond/.test(name)) return "ethernet";
  return "other";
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function blank(name: string, why: string): VppInterface {
  return { key: name, name, namePattern: `^${escape(name)}$`, kind: kindOfName(name), description: name, addresses: [], acl: {}, why };
}

/** Interfaces by name, in the order the state first names them. */
export function renderInterfaces(s: Sections): Map<string, VppInterface> {
  const byName = new Map<string, VppInterface>();
  const get = (name: string, why: string): VppInterface => {
    let iface = byName.get(name);
    if (iface === undefined) byName.set(name, (iface = blank(name, why)));
    return iface;
  };
  for (const { data } of s.all("interface")) {
    for (const row of data.rows) {
      const iface = get(row.name, `show interface: ${row.name} is sw_if_index ${row.index} (${s.at(row.line)})`);
      iface.swIfIndex = row.index;
    }
  }
  for (const { data } of s.all("interface-address")) {
    for (const row of data.rows) {
      const iface = get(row.name, `show interface address: ${row.name} (${s.at(row.line)})`);
      for (const a of row.l3) if (a.includes(".") && !iface.addresses.includes(a)) iface.addresses.push(a);
      if (row.bridge !== undefined) iface.bridgeDomain = { id: row.bridge.bd, bvi: row.bridge.bvi };
    }
  }
  for (const { data } of s.all("mode")) {
    for (const row of data.rows) {
      const iface = get(row.name, `show mode: ${row.name} (${s.at(row.line)})`);
      if (row.mode === "bridge" && row.bd !== undefined) iface.bridgeDomain = { id: row.bd, bvi: row.bvi === true };
    }
  }
  renderTunnels(s, byName);
  renderFeatures(s, byName);
  return byName;
}

function renderTunnels(s: Sections, byName: Map<string, VppInterface>): void {
  for (const { data } of s.all("vxlan-tunnel")) {
    for (const row of data.rows) {
      const iface =
        [...byName.values()].find((i) => row.swIfIndex !== undefined && i.swIfIndex === row.swIfIndex) ??
        byName.get(`vxlan_tunnel${row.instance ?? data.rows.indexOf(row)}`);
      if (iface === undefined) {
        s.warn(row.line, `show vxlan tunnel: the tunnel to ${row.dst} (sw_if_index ${row.swIfIndex ?? "?"}) is no interface 'show interface' lists`);
        continue;
      }
      iface.kind = "vxlan-tunnel";
      iface.vxlan = { src: row.src, dst: row.dst, vni: row.vni, port: row.dstPort ?? 4789 };
      if (row.instance !== undefined) iface.vxlan.instance = row.instance;
      iface.why = `show vxlan tunnel: ${iface.name} from ${row.src} to ${row.dst} VNI ${row.vni} (${s.at(row.line)})`;
    }
  }
}

function renderFeatures(s: Sections, byName: Map<string, VppInterface>): void {
  for (const { section, data } of s.all("interface-features")) {
    const name = data.arcs.name ?? section.args[0];
    const iface = name === undefined ? undefined : byName.get(name);
    if (iface === undefined) {
      s.warn(section.line, `show interface features: ${name ?? "(no interface named)"} is no interface 'show interface' lists`);
      continue;
    }
    iface.features = Object.fromEntries(data.arcs.arcs);
  }
}
