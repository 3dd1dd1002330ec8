/**
 * ethernet-input: the MAC pair (`IP4: src -> dst`, decoded as a shared shape) and, from
 * 19.01, `frame: flags 0x1, hw-if-index 1, sw-if-index 1`.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { HEX32, U32 } from "../../../grammar/line-shapes.js";
import { hexNum, num, shaped, type NodeDecoder } from "./types.js";

const FRAME = new LineShape("ethernet frame line", ["frame: ", `flags 0x${HEX32}, `, `hw-if-index ${U32}, `, `sw-if-index ${U32}`]);

export const ethernetDecoder: NodeDecoder = {
  family: "ethernet",
  kind: "ethernet",
  names: ["ethernet-input", "ethernet-input-type", "ethernet-input-not-l2"],
  rules: [
    shaped(FRAME, {
      name: "frame",
      fills: "kv",
      apply(m, { fields }) {
        const kv = (fields.kv ??= {});
        kv["frame.flags"] = hexNum(m[1])!;
        kv.hwIfIndex = num(m[2])!;
        kv.swIfIndex = num(m[3])!;
      },
    }),
  ],
};
