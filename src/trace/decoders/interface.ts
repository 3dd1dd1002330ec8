/**
 * Interface output and tx nodes: `tap8-output`, `loop0-output`,
 * `GigabitEthernet0/8/0-output`, `GigabitEthernet0/8/0-tx`. The first line names the
 * interface (dpdk tx adds `tx queue N`; 20.05–22.10 leave a trailing space; ≥ 23.02 add
 * `flags 0x…`), then the packet as sent: MAC pair, IPv4/L4 summaries (shared shapes).
 */
import { parseKeyValues } from "../shapes.js";
import { bufferRules } from "./buffer.js";
import { num, type NodeDecoder } from "./types.js";

export const interfaceDecoder: NodeDecoder = {
  family: "interface-output",
  kind: "output",
  pattern: /-(?:output|tx)$/,
  rules: [
    {
      name: "interface",
      fills: "output",
      firstOnly: true,
      pattern: /^(\S+)(?: tx queue (\d+))?(?: flags 0x([0-9a-f]+))?$/,
      apply(m, { fields }) {
        fields.output = { interface: m[1] };
        if (m[2] !== undefined) fields.output.txQueue = num(m[2]);
      },
    },
    ...bufferRules,
    {
      name: "mbuf",
      fills: "kv",
      pattern: /^PKT MBUF: ([^\n]*)$/,
      apply(m, { fields }) {
        fields.kv = parseKeyValues(m[1], fields.kv);
      },
    },
  ],
};
