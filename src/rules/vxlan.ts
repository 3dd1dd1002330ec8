/**
 * vxlan: VXLAN encapsulation as the configuration builds it — the tunnel's VNI on
 * vxlan4-encap and vxlan4-input, and an outer header from this node's address to the
 * address of the node the route leads to, on the configured UDP port. A packet with the
 * wrong VNI is dropped or lands in another segment by the receiver; one sent to another
 * node's address reaches a node that does not host its destination.
 */
import type { Rule } from "./types.js";

export const vxlan: Rule = {
  meta: { kind: "expectation", id: "vxlan", description: "VXLAN encapsulation has the tunnel's VNI and an outer header to the right node on the configured port", severity: "error" },
  reads: ["vxlan"],
  check({ packet, views, expectation, report }) {
    if (expectation === undefined) return;
    packet.records.forEach((record, i) => {
      const hop = expectation.alignment.hops[i];
      const vni = record.fields.vxlan?.vni;
      if (hop?.expect.vni !== undefined && vni !== undefined && vni !== hop.expect.vni) {
        report({ record, expected: `vni ${hop.expect.vni}`, actual: `vni ${vni}`, message: `${record.node} should use VNI ${hop.expect.vni}: ${hop.why[0]}` });
      }
      const tunnel = hop?.expect.tunnel;
      if (tunnel === undefined) return;
      // Encapsulation prints the outer header after it; decapsulation, before it.
      const decap = record.fields.vxlan?.direction === "decap";
      const outer = decap ? views.filter((v) => v.position < i && v.proto === 17).pop() : views.find((v) => v.position > i && v.proto === 17);
      if (outer === undefined) return;
      const expected = `${tunnel.src} -> ${tunnel.dst}:${tunnel.port}`;
      const actual = `${outer.src} -> ${outer.dst}:${outer.dstPort ?? "?"}`;
      if (outer.src === tunnel.src && outer.dst === tunnel.dst && (outer.dstPort === undefined || outer.dstPort === tunnel.port)) return;
      report({ record: decap ? record : outer.record, expected: `outer ${expected}`, actual: `outer ${actual}`, message: `the VXLAN outer header should go from ${tunnel.src} to ${tunnel.dst} on UDP ${tunnel.port}: ${hop!.why[0]}` });
    });
  },
};
