/**
 * Joining the halves of a packet handed to another worker. VPP prints them as two packets
 * in two thread sections: the receiver's starts with `handoff_trace` (`HANDED-OFF: from
 * thread 4 trace index 0`, src/vlib/handoff_trace.c), naming the sender's thread and trace
 * pool index. The sender is the packet of that thread with that trace index: one that ends
 * at a `*-worker-handoff` record (`next-worker 1 trace index 0`), or — when the node that
 * handed it off prints no such record, as VPP's own handoffdemo-1 — one whose buffer line
 * carries that trace handle (`trace handle 0x1000000`: thread in the top 8 bits, index in
 * the low 24, vlib_buffer_get_trace_index) and whose path stops short of an output or a
 * drop. The receiver must come later in time and sit on the thread the sender named. Threads are printed in index order, so either half may come first, and
 * far apart: halves wait in a bounded table for their partner. A half whose partner never
 * comes is passed on as it is, with a warning naming what is missing.
 */
import type { Diagnostic, FieldName, NodeRecord, Packet, ParsedTrace } from "../model/trace.js";

/** The record fields joining reads: a reader that decodes only some decodes these too. */
export const HANDOFF_FIELDS: readonly FieldName[] = ["handoff", "buffer"];

/** Halves waiting for their partner at most; past it the oldest is given up on (a capture
 *  of one thread's halves whose other thread was not captured must not grow memory). */
export const MAX_PENDING_HALVES = 10_000;

interface Half {
  role: "sender" | "receiver";
  /** A sender known only by its trace handle: maybe never handed off. Left alone, it passes
   *  on as it is, without a warning. */
  byHandle?: boolean;
  packet: Packet;
  /** The handoff record: the sender's last, the receiver's first. */
  record: NodeRecord;
  /** `sending thread:trace index`. */
  key: string;
  /** The thread the receiving half is on (the sender's next-worker, the receiver's own). */
  receivingThread: number | undefined;
}

function halfOf(packet: Packet): Half | undefined {
  const first = packet.records[0];
  const fromThread = first?.fields.handoff?.fromThread;
  if (fromThread !== undefined && first.fields.handoff?.traceIndex !== undefined) {
    return { role: "receiver", packet, record: first, key: `${fromThread}:${first.fields.handoff.traceIndex}`, receivingThread: packet.thread?.index };
  }
  const last = packet.records[packet.records.length - 1];
  const sent = last?.fields.handoff;
  // The thread that handed it off: the last record's own on a packet already joined once.
  const from = last?.thread?.index ?? packet.thread?.index;
  if (sent?.nextWorker === undefined || sent.traceIndex === undefined || from === undefined) return byTraceHandle(packet);
  return { role: "sender", packet, record: last, key: `${from}:${sent.traceIndex}`, receivingThread: sent.nextWorker };
}

/** Where a packet's path ends when it was not handed off: it left, was dropped or punted. */
const ENDS_PATH = /(?:-output|-tx|drop|punt)$|^error-/;
const HANDLE_THREAD_SHIFT = 24;
const HANDLE_INDEX_MASK = 0xffffff;

/** A packet of thread T with `trace handle 0xTTIIIIII` on T whose path stops mid-graph: the
 *  sending half of a hand-off by a node that prints no hand-off record. */
function byTraceHandle(packet: Packet): Half | undefined {
  const last = packet.records[packet.records.length - 1];
  if (packet.joined !== undefined || packet.thread === null || last === undefined || ENDS_PATH.test(last.node)) return undefined;
  const handle = packet.records.find((r) => r.fields.buffer?.trace !== undefined)?.fields.buffer?.trace;
  if (handle === undefined || handle >>> HANDLE_THREAD_SHIFT !== packet.thread.index) return undefined;
  // `show trace` prints a thread's traces in pool order from Packet 1: the handle's index is
  // the packet's own number less one. A copied or stale handle (0x0 on every packet of a
  // capture) names another packet, and is no sign of a hand-off.
  if (packet.number !== null && packet.number - 1 !== (handle & HANDLE_INDEX_MASK)) return undefined;
  return { role: "sender", byHandle: true, packet, record: last, key: `${packet.thread.index}:${handle & HANDLE_INDEX_MASK}`, receivingThread: undefined };
}

/** Half a day: relative times wrap at 24 h, so a receiver "earlier" by more wrapped. */
const HALF_DAY = 12 * 3600;

/** The receiver's first record is not earlier than the sender's last (when both times are
 *  printed in one form), and it is on the thread the sender named. */
function partners(sender: Half, receiver: Half): boolean {
  if (sender.receivingThread !== undefined && receiver.receivingThread !== undefined && sender.receivingThread !== receiver.receivingThread) return false;
  const [sent, received] = [sender.record.time, receiver.record.time];
  if (sent === null || received === null || sent.form !== received.form) return true;
  const ahead = sent.seconds - received.seconds;
  return ahead <= 0 || (sent.form === "relative" && ahead > HALF_DAY);
}

function join(sender: Packet, receiver: Packet): Packet {
  // Records of a packet joined before (handed off twice) keep the thread they have.
  const stamp = (records: NodeRecord[], thread: Packet["thread"]): NodeRecord[] => (thread === null ? records : records.map((r) => (r.thread === undefined ? { ...r, thread } : r)));
  const joined: Packet = {
    ...sender,
    index: Math.min(sender.index, receiver.index),
    records: [...stamp(sender.records, sender.thread), ...stamp(receiver.records, receiver.thread)],
    joined: { thread: receiver.thread, number: receiver.number, label: receiver.label, line: receiver.line },
  };
  if (receiver.incomplete) joined.incomplete = true;
  return joined;
}

const threadName = (p: Packet): string => (p.thread === null ? "no thread" : `thread ${p.thread.index}`);

/** What is missing for a half left alone, as a warning at its handoff record. */
function missing(half: Half): Diagnostic {
  const [from, index] = half.key.split(":");
  const { packet, record } = half;
  const what =
    half.role === "sender"
      ? `was handed off to thread ${half.receivingThread} (${record.node}: trace index ${index}), but the receiving half — a packet of thread ${half.receivingThread} starting 'HANDED-OFF: from thread ${from} trace index ${index}' — is not in the capture; its path ends at the hand-off`
      : `was handed off from thread ${from} (trace index ${index}), but the sending half — a packet of thread ${from} ending at a *-worker-handoff record 'next-worker ${packet.thread?.index ?? "?"} trace index ${index}', or with 'trace handle 0x${((Number(from) << HANDLE_THREAD_SHIFT) + Number(index)).toString(16)}' — is not in the capture; its path starts at handoff_trace`;
  return { severity: "warning", file: record.file, line: record.line, column: 1, message: `${packet.label} (${threadName(packet)}) ${what}` };
}

/** A half without its partner: part of the packet's path is not in the capture, so it
 *  cannot pass as conforming (like a packet with lines that could not be read). */
const alone = (half: Half): Packet => (half.byHandle ? half.packet : { ...half.packet, incomplete: true });

export class HandoffJoiner {
  private readonly pending = new Map<string, Half>();

  constructor(private readonly maxPending = MAX_PENDING_HALVES) {}

  /** The batch with each half held until its partner comes, then the two as one packet. */
  add(batch: ParsedTrace): ParsedTrace {
    if (this.pending.size === 0 && !batch.packets.some((p) => halfOf(p) !== undefined)) return batch;
    const packets: Packet[] = [];
    const diagnostics = [...batch.diagnostics];
    const giveUp = (half: Half): void => {
      this.pending.delete(half.key);
      packets.push(alone(half));
      if (!half.byHandle) diagnostics.push(missing(half));
    };
    for (const packet of batch.packets) this.place(packet, packets, giveUp);
    return { packets, diagnostics };
  }

  /** A packet passes on, or joins the half waiting for it, or waits for its partner. A
   *  packet just joined is placed again: handed off twice, it is the sender of a next half. */
  private place(packet: Packet, out: Packet[], giveUp: (half: Half) => void): void {
    const half = halfOf(packet);
    if (half === undefined) {
      out.push(packet);
      return;
    }
    const partner = this.pending.get(half.key);
    if (partner !== undefined && partner.role !== half.role) {
      const [sender, receiver] = half.role === "sender" ? [half, partner] : [partner, half];
      if (partners(sender, receiver)) {
        this.pending.delete(half.key);
        this.place(join(sender.packet, receiver.packet), out, giveUp);
        return;
      }
    }
    // The same key again, or a partner that time order denies: the one waiting has none.
    if (partner !== undefined) giveUp(partner);
    this.pending.set(half.key, half);
    if (this.pending.size > this.maxPending) giveUp(this.pending.values().next().value as Half);
  }

  /** The input ended: every half still waiting has no partner. */
  finish(batch: ParsedTrace): ParsedTrace {
    const joined = this.add(batch);
    const left = [...this.pending.values()];
    this.pending.clear();
    return { packets: [...joined.packets, ...left.map(alone)], diagnostics: [...joined.diagnostics, ...left.filter((h) => !h.byHandle).map(missing)] };
  }
}
