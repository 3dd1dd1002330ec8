/**
 * ethernet-input: the MAC pair (`IP4: src -> dst`, decoded as a shared shape) and, from
 * 19.01, `frame: flags 0x1, hw-if-index 1, sw-if-index 1`.
 */
import { hexNum, num, type NodeDecoder } from "./types.js";

export const ethernetDecoder: NodeDecoder = {
  family: "ethernet",
  kind: "ethernet",
  names: ["ethernet-input", "ethernet-input-type", "ethernet-input-not-l2"],
  rules: [
    {
      name: "frame",
      pattern: /^frame: flags 0x([0-9a-f]+), hw-if-index (\d+), sw-if-index (\d+)$/,
      apply(m, { fields }) {
        const kv = (fields.kv ??= {});
        kv["frame.flags"] = hexNum(m[1])!;
        kv.hwIfIndex = num(m[2])!;
        kv.swIfIndex = num(m[3])!;
      },
    },
  ],
};
