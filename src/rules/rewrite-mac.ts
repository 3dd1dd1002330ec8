/**
 * rewrite-mac: the Ethernet header the packet leaves with is the one its configuration
 * gives — the destination MAC is the next hop's (a pod's static ARP entry, the other node's
 * loop0), the source MAC the output interface's own (tap0's, loop0's) — as ip4-rewrite's
 * rewrite string (`ipv4 via 10.1.1.9 tap8: 00000000000202fe167939cb0800`: destination,
 * source, ethertype) shows it — the output node's `IP4: src -> dst` line prints the same
 * bytes, and the hexdump rule holds the dump to the string. A next hop VPP
 * resolves by ARP (the host's vpp1, a gateway) and a MAC VPP chose itself (a pod TAP's
 * 02:fe:…) are not known to the configuration, and not compared.
 */
import type { MacExpectation } from "../model/expectation.js";
import type { NodeRecord } from "../model/trace.js";
import type { Report, Rule } from "./types.js";

const macAt = (hex: string, byte: number): string => (hex.slice(byte * 2, byte * 2 + 12).match(/../g) ?? []).join(":");

/** A MAC as the rewrite string spells it (`00:00:00:00:00:02` → `000000000002`): the few
 *  MACs of a configuration, converted once. */
const hexByMac = new Map<string, string>();
function hexOf(mac: string): string {
  let hex = hexByMac.get(mac);
  if (hex === undefined) {
    if (hexByMac.size >= 1024) hexByMac.clear();
    hexByMac.set(mac, (hex = mac.replace(/:/g, "").toLowerCase()));
  }
  return hex;
}

/** Whether the rewrite string writes `expected` at byte `at` (VPP prints lower-case hex). */
const writes = (rewrite: string, at: number, expected: MacExpectation): boolean => rewrite.startsWith(hexOf(expected.mac), at * 2) || rewrite.slice(at * 2, at * 2 + 12).toLowerCase() === hexOf(expected.mac);

function compare(record: NodeRecord, rewrite: string, side: "destination" | "source", expected: MacExpectation | undefined, what: string, report: (r: Report) => void): void {
  const at = side === "destination" ? 0 : 6;
  if (expected === undefined || writes(rewrite, at, expected)) return;
  const actual = macAt(rewrite.toLowerCase(), at);
  report({ record, expected: `${side} MAC ${expected.mac}`, actual: `${side} MAC ${actual}`, message: `${what} should leave ${record.node} with ${side} MAC ${expected.mac}: ${expected.why}` });
}

export const rewriteMac: Rule = {
  meta: { kind: "expectation", id: "rewrite-mac", description: "the rewrite writes the next hop's MAC (static ARP, the other node's loop0) as destination and the output interface's MAC as source, where the configuration gives them", severity: "error" },
  reads: ["rewrite"],
  check({ packet, expectation, report }) {
    if (expectation === undefined) return;
    const what = `the ${expectation.scenario} ${expectation.direction}`;
    packet.records.forEach((record, i) => {
      const macs = expectation.alignment.hops[i]?.expect.macs;
      if (macs === undefined) return;
      const rewrite = record.fields.rewrite?.rewrite;
      if (rewrite === undefined || !/^[0-9a-f]{24}/i.test(rewrite)) return;
      compare(record, rewrite, "destination", macs.dst, what, report);
      compare(record, rewrite, "source", macs.src, what, report);
    });
  },
};
