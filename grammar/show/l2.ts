/**
 * Readers of the L2 commands: `show bridge-domain N detail` (the domain, its BVI, its
 * members and their split-horizon groups), `show l2fib verbose` (MAC → member) and
 * `show vxlan tunnel` (src, dst, VNI, sw_if_index). Tables are read by their headers.
 */
import type { ShowLine } from "./parser.js";
import { cell, garbled, headerOf, IP4, rowByHeader, type Header, type Problem, type Read } from "./lines.js";

export interface BridgeDomainRow {
  id: number;
  /** The domain's index, by which `show l2fib` names it (BD-Idx). */
  index?: number;
  line: number;
  learning?: boolean;
  bvi?: string;
  members: { name: string; index?: number; shg: number; bvi: boolean; line: number }[];
}

export function readBridgeDomain(body: ShowLine[]): Read<BridgeDomainRow[]> {
  const data: BridgeDomainRow[] = [];
  const problems: Problem[] = [];
  let domainHeader: Header | undefined;
  let memberHeader: Header | undefined;
  let current: BridgeDomainRow | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    if (/^(?:BD-ID|ID)\s+Index\b/.test(text)) [domainHeader, memberHeader] = [headerOf(l.text), undefined];
    else if (/^Interface\s+(?:If-idx|Index)\b/.test(text)) memberHeader = headerOf(l.text);
    else if (memberHeader !== undefined && current !== undefined) {
      const row = rowByHeader(memberHeader, l.text);
      const name = cell(row, "Interface");
      const shg = cell(row, "SHG");
      if (name === undefined || !/^\d+$/.test(shg ?? "")) problems.push(garbled(l, "a member row under 'Interface If-idx … SHG BVI'"));
      else current.members.push({ name, index: Number(cell(row, "If-idx", "Index")), shg: Number(shg), bvi: cell(row, "BVI") === "*", line: l.line });
    } else if (domainHeader !== undefined && /^\d+\s/.test(text)) {
      const row = rowByHeader(domainHeader, l.text);
      const bvi = cell(row, "BVI-Intf");
      current = { id: Number(cell(row, "BD-ID", "ID")), line: l.line, members: [] };
      const index = cell(row, "Index");
      if (index !== undefined && /^\d+$/.test(index)) current.index = Number(index);
      const learning = cell(row, "Learning");
      if (learning !== undefined) current.learning = learning === "on";
      if (bvi !== undefined && bvi !== "N/A") current.bvi = bvi;
      data.push(current);
    } else if (current !== undefined && /^[A-Z0-9_]+ \([\w-]+\)$/.test(text)) continue;
    else problems.push(garbled(l, "a bridge-domain header, row, feature or member line"));
  }
  return { data, problems };
}

export interface L2fibRow {
  mac: string;
  bd: number;
  iface: string;
  line: number;
}

export function readL2fib(body: ShowLine[]): Read<L2fibRow[]> {
  const data: L2fibRow[] = [];
  const problems: Problem[] = [];
  let header: Header | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "" || /^L2FIB total/.test(text)) continue;
    if (/^Mac-Address\b/.test(text)) {
      header = headerOf(l.text);
      continue;
    }
    const row = header === undefined ? undefined : rowByHeader(header, l.text);
    const mac = row === undefined ? undefined : cell(row, "Mac-Address");
    const iface = row === undefined ? undefined : cell(row, "Interface-Name");
    const bd = row === undefined ? undefined : cell(row, "BD-Idx");
    if (mac === undefined || iface === undefined || !/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/.test(mac)) problems.push(garbled(l, "an L2 FIB row under 'Mac-Address BD-Idx If-Idx … Interface-Name'"));
    else data.push({ mac, bd: Number(bd), iface, line: l.line });
  }
  return { data, problems };
}

export interface VxlanRow {
  instance?: number;
  src: string;
  dst: string;
  vni: number;
  dstPort?: number;
  swIfIndex?: number;
  line: number;
}

const TUNNEL_HEAD = /^\[(\d+)\]\s+(.*)$/;

/** `[0] instance 0 src A dst B src_port 4789 dst_port 4789 vni 10 fib-idx 0 sw-if-idx 6 …`;
 *  before 20.x the pairs went on over a second line (` encap_fib_index 0 sw_if_index 5 …`). */
export function readVxlan(body: ShowLine[]): Read<VxlanRow[]> {
  const data: VxlanRow[] = [];
  const problems: Problem[] = [];
  const entries: { line: ShowLine; text: string }[] = [];
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const head = TUNNEL_HEAD.exec(text);
    if (head !== null) entries.push({ line: l, text: head[2] });
    else if (entries.length > 0 && /^[\w-]+ \S+/.test(text)) entries[entries.length - 1].text += ` ${text}`;
    else problems.push(garbled(l, "'[N] src A dst B … vni N …'"));
  }
  for (const e of entries) {
    const pairs = new Map<string, string>();
    const ws = e.text.split(/\s+/);
    for (let i = 0; i + 1 < ws.length; i += 2) pairs.set(ws[i].replace(/-/g, "_"), ws[i + 1]);
    const src = pairs.get("src");
    const dst = pairs.get("dst");
    const vni = pairs.get("vni");
    if (src === undefined || dst === undefined || vni === undefined || !new RegExp(`^${IP4}$`).test(src)) {
      problems.push(garbled(e.line, "a tunnel with 'src A dst B … vni N'"));
      continue;
    }
    const row: VxlanRow = { src, dst, vni: Number(vni), line: e.line.line };
    const instance = pairs.get("instance");
    const port = pairs.get("dst_port");
    const swIf = pairs.get("sw_if_idx") ?? pairs.get("sw_if_index");
    if (instance !== undefined) row.instance = Number(instance);
    if (port !== undefined) row.dstPort = Number(port);
    if (swIf !== undefined) row.swIfIndex = Number(swIf);
    data.push(row);
  }
  return { data, problems };
}

export interface NeighbourRow {
  ip: string;
  mac: string;
  iface: string;
  isStatic: boolean;
  line: number;
}

/** `show ip neighbors` (`show ip arp` before 20.01): `Age|Time [FIB] IP|IP4 Flags Ethernet Interface`. */
export function readNeighbours(body: ShowLine[]): Read<NeighbourRow[]> {
  const data: NeighbourRow[] = [];
  const problems: Problem[] = [];
  let header: Header | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    if (/^(?:Time|Age)\s/.test(text) && /\bEthernet\b/.test(text)) {
      header = headerOf(l.text);
      continue;
    }
    if (/^Proxy arps|^Fib_index/.test(text)) {
      header = undefined;
      continue;
    }
    if (header === undefined) continue;
    const row = rowByHeader(header, l.text);
    const ip = cell(row, "IP", "IP4");
    const mac = cell(row, "Ethernet");
    const iface = cell(row, "Interface");
    if (ip === undefined || mac === undefined || iface === undefined || !new RegExp(`^${IP4}$`).test(ip)) {
      if (ip !== undefined && ip.includes(":")) continue; // an IPv6 neighbour
      problems.push(garbled(l, "a neighbour row under 'Age IP Flags Ethernet Interface'"));
    } else data.push({ ip, mac, iface, isStatic: (cell(row, "Flags") ?? "").includes("S"), line: l.line });
  }
  return { data, problems };
}
