/**
 * VXLAN tunnel nodes: vxlan4-encap `VXLAN encap to vxlan_tunnel0 vni 10` and vxlan4-input
 * `VXLAN decap from vxlan_tunnel0 vni 10 next 1 error 0` (the tunnel number is its pool index).
 */
import type { NodeDecoder } from "./types.js";

export const vxlanDecoder: NodeDecoder = {
  family: "vxlan",
  kind: "vxlan",
  names: ["vxlan4-encap", "vxlan6-encap", "vxlan4-input", "vxlan6-input"],
  expected: { rule: "vxlan", description: "`VXLAN encap to vxlan_tunnelN vni N` or `VXLAN decap from vxlan_tunnelN vni N next N error N`" },
  rules: [
    {
      name: "vxlan",
      pattern: /^VXLAN encap to vxlan_tunnel(\d+) vni (\d+)$/,
      apply(m, { fields }) {
        fields.vxlan = { direction: "encap", tunnel: Number(m[1]), vni: Number(m[2]) };
      },
    },
    {
      name: "vxlan",
      pattern: /^VXLAN decap from vxlan_tunnel(\d+) vni (\d+) next (\d+) error (\d+)$/,
      apply(m, { fields }) {
        fields.vxlan = { direction: "decap", tunnel: Number(m[1]), vni: Number(m[2]), next: Number(m[3]), error: Number(m[4]) };
      },
    },
    {
      name: "vxlan",
      pattern: /^VXLAN decap error - tunnel for vni (\d+) does not exist$/,
      apply(m, { fields }) {
        fields.vxlan = { direction: "decap", vni: Number(m[1]), error: 1 };
      },
    },
  ],
};
