/**
 * Readers of the NAT44 commands (the ED plugin's `show nat44 …` and NAT44-EI's
 * `show nat44 ei …`, which print alike): interfaces with their roles, static and identity
 * mappings (load-balanced ones over several lines), and the address pool.
 */
import type { ShowLine } from "./parser.js";
import { garbled, indentOf, IP4, type Problem, type Read } from "./lines.js";

export interface NatInterfaceRow {
  name: string;
  inside: boolean;
  outside: boolean;
  outputFeature: boolean;
  line: number;
}

const NAT_INTERFACE = /^(\S+)(\s+output-feature)?((?:\s+(?:in|out))+)$/;

export function readNatInterfaces(body: ShowLine[]): Read<NatInterfaceRow[]> {
  const data: NatInterfaceRow[] = [];
  const problems: Problem[] = [];
  for (const l of body) {
    const text = l.text.trim();
    if (text === "" || text === "NAT44 interfaces:") continue;
    const m = NAT_INTERFACE.exec(text);
    if (m === null) problems.push(garbled(l, "'NAME [output-feature] in|out|in out'"));
    else data.push({ name: m[1], outputFeature: m[2] !== undefined, inside: /\bin\b/.test(m[3]), outside: /\bout\b/.test(m[3]), line: l.line });
  }
  return { data, problems };
}

export interface NatEndpointText {
  /** An address, or an interface name for a mapping to an interface's address. */
  address: string;
  port?: number;
}

export interface StaticMappingRow {
  proto?: string;
  identity: boolean;
  locals: (NatEndpointText & { probability?: number })[];
  external: NatEndpointText;
  vrf: number;
  flags: string[];
  line: number;
}

const ENDPOINT = /^(\S+?)(?::(\d+))?$/;
const endpoint = (text: string): NatEndpointText => {
  const m = ENDPOINT.exec(text)!;
  return m[2] === undefined ? { address: m[1] } : { address: m[1], port: Number(m[2]) };
};
const PROTO = "(?:(tcp|udp|icmp|TCP|UDP|ICMP)\\s+)?";
const ONE_TO_ONE = new RegExp(`^${PROTO}local (\\S+) external (\\S+) vrf (\\d+)\\s*(.*)$`);
const LOAD_BALANCED = new RegExp(`^${PROTO}vrf (\\d+) external (\\S+)\\s*(.*)$`);
const LB_LOCAL = /^local (\S+)(?: vrf \d+)?(?: probability (\d+))?$/;
const IDENTITY = new RegExp(`^identity mapping ${PROTO}(\\S+) vrf (\\d+)\\s*(.*)$`);

export function readStaticMappings(body: ShowLine[]): Read<StaticMappingRow[]> {
  const data: StaticMappingRow[] = [];
  const problems: Problem[] = [];
  let balanced: StaticMappingRow | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "" || text === "NAT44 static mappings:") continue;
    const flags = (rest: string): string[] => rest.split(/\s+/).filter((f) => f !== "");
    let m: RegExpExecArray | null;
    if (balanced !== undefined && indentOf(l.text) > 1 && (m = LB_LOCAL.exec(text)) !== null) {
      const local: NatEndpointText & { probability?: number } = endpoint(m[1]);
      if (m[2] !== undefined) local.probability = Number(m[2]);
      balanced.locals.push(local);
      continue;
    }
    balanced = undefined;
    if ((m = ONE_TO_ONE.exec(text)) !== null) data.push({ proto: m[1]?.toUpperCase(), identity: false, locals: [endpoint(m[2])], external: endpoint(m[3]), vrf: Number(m[4]), flags: flags(m[5]), line: l.line });
    else if ((m = IDENTITY.exec(text)) !== null) {
      const self = endpoint(m[2]);
      data.push({ proto: m[1]?.toUpperCase(), identity: true, locals: [self], external: self, vrf: Number(m[3]), flags: flags(m[4]), line: l.line });
    } else if ((m = LOAD_BALANCED.exec(text)) !== null) data.push((balanced = { proto: m[1]?.toUpperCase(), identity: false, locals: [], external: endpoint(m[3]), vrf: Number(m[2]), flags: flags(m[4]), line: l.line }));
    else problems.push(garbled(l, "'[PROTO] local A[:P] external B[:P] vrf N [flags]', 'identity mapping …' or a load-balanced mapping"));
  }
  return { data, problems };
}

/** `NAT44 pool addresses:` then one address a line (its tenant VRF indented under it);
 *  the twice-NAT pool that follows is not the source-NAT pool. */
export function readNatAddresses(body: ShowLine[]): Read<string[]> {
  const data: string[] = [];
  const problems: Problem[] = [];
  let inPool = false;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    if (/^NAT44 pool addresses:$/.test(text)) inPool = true;
    else if (/^NAT44 twice-nat pool addresses:$/.test(text)) inPool = false;
    else if (indentOf(l.text) > 0 && /^(?:tenant VRF|synced with|busy )/.test(text)) continue;
    else if (new RegExp(`^${IP4}$`).test(text)) {
      if (inPool) data.push(text);
    } else problems.push(garbled(l, "'NAT44 pool addresses:' or an address"));
  }
  return { data, problems };
}
