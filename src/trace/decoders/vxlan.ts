/**
 * VXLAN tunnel nodes: vxlan4-encap `VXLAN encap to vxlan_tunnel0 vni 10` and vxlan4-input
 * `VXLAN decap from vxlan_tunnel0 vni 10 next 1 error 0` (the tunnel number is its pool index).
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { shaped, type NodeDecoder } from "./types.js";

const ENCAP = new LineShape("VXLAN line", ["VXLAN encap to ", `vxlan_tunnel${U32} `, `vni ${U32}`]);
const DECAP = new LineShape("VXLAN line", ["VXLAN decap from ", `vxlan_tunnel${U32} `, `vni ${U32} `, `next ${U32} `, `error ${U32}`]);
const NO_TUNNEL = new LineShape("VXLAN line", ["VXLAN decap error - ", `tunnel for vni ${U32} `, "does not exist"]);

export const vxlanDecoder: NodeDecoder = {
  family: "vxlan",
  kind: "vxlan",
  names: ["vxlan4-encap", "vxlan6-encap", "vxlan4-input", "vxlan6-input"],
  expected: { rule: "vxlan", description: "`VXLAN encap to vxlan_tunnelN vni N` or `VXLAN decap from vxlan_tunnelN vni N next N error N`" },
  rules: [
    shaped(ENCAP, {
      name: "vxlan",
      fills: "vxlan",
      apply(m, { fields }) {
        fields.vxlan = { direction: "encap", tunnel: Number(m[1]), vni: Number(m[2]) };
      },
    }),
    shaped(DECAP, {
      name: "vxlan",
      fills: "vxlan",
      apply(m, { fields }) {
        fields.vxlan = { direction: "decap", tunnel: Number(m[1]), vni: Number(m[2]), next: Number(m[3]), error: Number(m[4]) };
      },
    }),
    shaped(NO_TUNNEL, {
      name: "vxlan",
      fills: "vxlan",
      apply(m, { fields }) {
        // VPP prints no error index here: none is made up.
        fields.vxlan = { direction: "decap", vni: Number(m[1]), noSuchTunnel: true };
      },
    }),
  ],
};
