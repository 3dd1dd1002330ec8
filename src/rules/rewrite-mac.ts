/**
 * rewrite-mac: the Ethernet header the packet leaves with is the one its configuration
 * gives — the destination MAC is the next hop's (a pod's static ARP entry, the other node's
 * loop0), the source MAC the output interface's own (tap0's, loop0's) — as ip4-rewrite's
 * rewrite string (`ipv4 via 10.1.1.9 tap8: 00000000000202fe167939cb0800`: destination,
 * source, ethertype) and the output node's `IP4: src -> dst` line show it. A next hop VPP
 * resolves by ARP (the host's vpp1, a gateway) and a MAC VPP chose itself (a pod TAP's
 * 02:fe:…) are not known to the configuration, and not compared.
 */
import type { MacExpectation } from "../model/expectation.js";
import type { NodeRecord } from "../model/trace.js";
import type { Report, Rule } from "./types.js";

const macAt = (hex: string, byte: number): string => (hex.slice(byte * 2, byte * 2 + 12).match(/../g) ?? []).join(":");

/** The destination and source MAC a record shows the packet leaving with, if it shows them. */
function macsOf(record: NodeRecord): { dst: string; src: string } | undefined {
  const rewrite = record.fields.rewrite?.rewrite;
  if (rewrite !== undefined) return /^[0-9a-f]{24}/i.test(rewrite) ? { dst: macAt(rewrite.toLowerCase(), 0), src: macAt(rewrite.toLowerCase(), 6) } : undefined;
  if (record.kind !== "output") return undefined;
  const ether = record.fields.ether;
  return ether === undefined ? undefined : { dst: ether.dst.toLowerCase(), src: ether.src.toLowerCase() };
}

function compare(record: NodeRecord, side: "destination" | "source", expected: MacExpectation | undefined, actual: string, what: string, report: (r: Report) => void): void {
  if (expected === undefined || expected.mac === actual) return;
  report({ record, expected: `${side} MAC ${expected.mac}`, actual: `${side} MAC ${actual}`, message: `${what} should leave ${record.node} with ${side} MAC ${expected.mac}: ${expected.why}` });
}

export const rewriteMac: Rule = {
  meta: { kind: "expectation", id: "rewrite-mac", description: "the packet leaves with the next hop's MAC (static ARP, the other node's loop0) as destination and the output interface's MAC as source, where the configuration gives them", severity: "error" },
  reads: ["rewrite", "ether"],
  check({ packet, expectation, report }) {
    if (expectation === undefined) return;
    const what = `the ${expectation.scenario} ${expectation.direction}`;
    packet.records.forEach((record, i) => {
      const macs = expectation.alignment.hops[i]?.expect.macs;
      if (macs === undefined) return;
      const actual = macsOf(record);
      if (actual === undefined) return;
      compare(record, "destination", macs.dst, actual.dst, what, report);
      compare(record, "source", macs.src, actual.src, what, report);
    });
  },
};
