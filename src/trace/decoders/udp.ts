/** ip4-udp-lookup / ip6-udp-lookup: `UDP: src-port 50038 dst-port 4789`, the UDP dispatch
 *  to a local listener such as the VXLAN tunnel input. */
import type { NodeDecoder } from "./types.js";

export const udpLookupDecoder: NodeDecoder = {
  family: "udp-lookup",
  kind: "udp-lookup",
  names: ["ip4-udp-lookup", "ip6-udp-lookup"],
  expected: { rule: "ports", description: "`UDP: src-port N dst-port N`" },
  rules: [
    {
      name: "ports",
      pattern: /^UDP: src-port (\d+) dst-port (\d+)$/,
      apply(m, { fields }) {
        fields.udpLookup = { srcPort: Number(m[1]), dstPort: Number(m[2]) };
      },
    },
  ],
};
