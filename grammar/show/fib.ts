/**
 * Reader of `show ip fib [table N]`: per prefix its leaf DPOs — what ip4-lookup hands the
 * packet to. The format drifted most of all (`[@5]: ipv4 via A IF: mtu:9000 …` since 18.x,
 * `ipv4-glean: [src:P] IF:` since 21.x, `ipv4-glean: IF` before, no indentation in some
 * docs); a nested `dpo-load-balance` (a recursive route) is followed to its own leaves.
 */
import type { ShowLine } from "./parser.js";
import { garbled, IP4, type Problem, type Read } from "./lines.js";

export type Dpo =
  | { kind: "via"; via: string; iface: string; incomplete: boolean }
  | { kind: "receive"; address: string; iface: string }
  | { kind: "glean"; iface: string }
  | { kind: "drop" }
  | { kind: "other"; text: string };

export interface FibRow {
  prefix: string;
  /** The table the entry is in (`ipv4-VRF:N`), 0 when no table header was printed. */
  vrf: number;
  line: number;
  /** Leaf DPOs in bucket order; a recursive route's are those of the route it resolves through. */
  dpos: Dpo[];
  /** A bucket was another load-balance (the route resolves through another entry). */
  recursive: boolean;
}

const PREFIX = new RegExp(`^(${IP4}/\\d{1,2})$`);
/** `ipv4-VRF:0, fib_index:0, …`, or a named table (`calico-pods-ip4, fib_index:2, …`). */
const TABLE = /^(?:ipv4-VRF:(\d+)|\S+, fib_index[: ](\d+))/;
const BUCKET = /^(?:\[\d+\]\s+)?\[@\d+\]:\s+(.*)$/;
const VIA = new RegExp(`^ipv4 (?:\\[features\\] )?via (${IP4}) ([^:\\s]+)(?::|$)`);
const ARP = new RegExp(`^arp-ipv4: via (${IP4}) (\\S+)$`);
const RECEIVE = new RegExp(`^dpo-receive: (${IP4}) on (\\S+)$`);
const GLEAN = /^ipv4-glean: (?:\[src:[^\]]*\] )?([^:\s]+)(?::|$)/;

export function readDpo(text: string): Dpo | "load-balance" {
  if (text.startsWith("dpo-load-balance:")) return "load-balance";
  if (/^dpo-drop\b/.test(text)) return { kind: "drop" };
  let m = VIA.exec(text);
  if (m !== null) return { kind: "via", via: m[1], iface: m[2], incomplete: false };
  if ((m = ARP.exec(text)) !== null) return { kind: "via", via: m[1], iface: m[2], incomplete: true };
  if ((m = RECEIVE.exec(text)) !== null) return { kind: "receive", address: m[1], iface: m[2] };
  if ((m = GLEAN.exec(text)) !== null) return { kind: "glean", iface: m[1] };
  return { kind: "other", text };
}

export function readFib(body: ShowLine[]): Read<FibRow[]> {
  const data: FibRow[] = [];
  const problems: Problem[] = [];
  let vrf = 0;
  let current: FibRow | undefined;
  let loadBalances = 0;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const table = TABLE.exec(text);
    const prefix = PREFIX.exec(text);
    const bucket = BUCKET.exec(text);
    if (table !== null) vrf = Number(table[1] ?? table[2]);
    else if (/^(?:flow hash|locks|epoch):/.test(text)) continue;
    else if (prefix !== null) {
      data.push((current = { prefix: prefix[1], vrf, line: l.line, dpos: [], recursive: false }));
      loadBalances = 0;
    } else if (current !== undefined && /^(?:unicast|multicast)-ip4-chain$|^Extensions:|^path-list|^path:|^forwarding:|^src:|^\[@\d+\]: ip4-.*-chain$/.test(text)) continue;
    else if (current !== undefined && bucket !== null) {
      const dpo = readDpo(bucket[1]);
      if (dpo === "load-balance") {
        if (++loadBalances > 1) current.recursive = true;
      } else current.dpos.push(dpo);
    } else if (current !== undefined && /^(?:\[\d+\]|\w+:)/.test(text)) continue;
    else problems.push(garbled(l, current === undefined ? "'ipv4-VRF:N, …' or a prefix A.B.C.D/N" : "a DPO line '[N] [@N]: …'"));
  }
  return { data, problems };
}
