/** ip4-udp-lookup / ip6-udp-lookup: `UDP: src-port 50038 dst-port 4789`, the UDP dispatch
 *  to a local listener such as the VXLAN tunnel input. */
import { LineShape } from "../../../grammar/line-shape.js";
import { U16 } from "../../../grammar/line-shapes.js";
import { shaped, type NodeDecoder } from "./types.js";

const PORTS = new LineShape("UDP lookup line", ["UDP: ", [`src-port ${U16} `, "'src-port N'"], [`dst-port ${U16}`, "'dst-port N'"]], { lead: "UDP: [a-z]" });

export const udpLookupDecoder: NodeDecoder = {
  family: "udp-lookup",
  kind: "udp-lookup",
  names: ["ip4-udp-lookup", "ip6-udp-lookup"],
  expected: { rule: "ports", description: "`UDP: src-port N dst-port N`" },
  rules: [
    shaped(PORTS, {
      name: "ports",
      fills: "udpLookup",
      apply(m, { fields }) {
        fields.udpLookup = { srcPort: Number(m[1]), dstPort: Number(m[2]) };
      },
    }),
  ],
};
