/**
 * Worker hand-off nodes: the sender's `*-worker-handoff` (NAT44, generic `worker-handoff`,
 * reassembly) and the receiver's `handoff_trace` (src/vlib/handoff_trace.c, ≥ 19.08).
 *   NAT44_IN2OUT_WORKER_HANDOFF : next-worker 1 trace index 0        (EI/ED ≥ 21.06)
 *   NAT44_IN2OUT_WORKER_HANDOFF: next-worker 1 trace index 0         (18.10–21.01)
 *   worker-handoff: next-worker 2 buffer 0x1f3c                      (vnet handoff)
 *   HANDED-OFF: from thread 4 trace index 0
 * `trace index` is the packet's trace pool index on the sending thread, printed on both
 * sides: with the sender's thread it pairs the halves (src/trace/handoff.ts).
 */
import { num, type NodeDecoder } from "./types.js";

export const handoffDecoder: NodeDecoder = {
  family: "handoff",
  kind: "handoff",
  names: ["handoff_trace"],
  pattern: /handoff$/,
  rules: [
    {
      name: "sent",
      fills: "handoff",
      pattern: /^(?:[\w-]+(?: [\w-]+)? ?: ?)?next[-_]worker (\d+)(?:.*? trace index (\d+))?/i,
      apply(m, { fields }) {
        fields.handoff = { nextWorker: num(m[1]), traceIndex: num(m[2]) };
      },
    },
    {
      name: "received",
      fills: "handoff",
      pattern: /^HANDED-OFF: from thread (\d+) trace index (\d+)$/,
      apply(m, { fields }) {
        fields.handoff = { fromThread: num(m[1]), traceIndex: num(m[2]) };
      },
    },
  ],
};
