/**
 * A parse worker (`parse --jobs N`): reads one trace file at a time from disk, parses it
 * and renders each packet as its streamed format does, numbering packets from 1; the main
 * thread renumbers them and writes the files' outputs in command-line order. Only strings
 * cross threads: handing packets over costs as much as parsing them.
 */
import { createReadStream, writeSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import type { Diagnostic } from "../model/trace.js";
import { TraceReader } from "../trace/index.js";
import { InputTake, NON_TRACE_PREFIX, READ_CHUNK_BYTES, readInput, UsageError } from "../input/index.js";
import { packetOutput, type StreamedFormat } from "./packet-output.js";

export interface ParseJob {
  type: "job";
  id: number;
  /** Where to read the file. */
  path: string;
  /** The file as the user named it, for packets and diagnostics. */
  name: string;
  format: StreamedFormat;
  /** Write the output to this file descriptor (an unlinked temporary file the main thread
   *  owns) instead of sending it: the main thread is still writing earlier files, and
   *  holding this one's output in memory could exhaust it. */
  spillTo?: number;
}

/** The main thread wrote this many characters of this worker's output. */
export interface Ack {
  type: "ack";
  chars: number;
}

export type WorkerEvent =
  | { type: "out"; id: number; parts: string[]; bytes: number }
  | { type: "progress"; id: number; packets: number; bytes: number }
  | { type: "show"; id: number; diagnostic: Diagnostic }
  | { type: "end"; id: number; errors: Diagnostic[]; sawNoPacket: boolean; packets: number }
  | { type: "fail"; id: number; message: string };

/** Output sent but not yet written by the main thread (a slow reader of stdout) is capped:
 *  past it, the worker waits for the main thread to catch up. */
const MAX_IN_FLIGHT = 32 << 20;

const port = parentPort!;
let inFlight = 0;
let creditWaiter: (() => void) | null = null;
const jobs: ParseJob[] = [];
let running = false;

port.on("message", (message: ParseJob | Ack) => {
  if (message.type === "ack") {
    inFlight -= message.chars;
    if (inFlight <= MAX_IN_FLIGHT && creditWaiter !== null) {
      creditWaiter();
      creditWaiter = null;
    }
    return;
  }
  jobs.push(message);
  if (!running) void runJobs();
});

async function runJobs(): Promise<void> {
  running = true;
  for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) await run(job);
  running = false;
}

const post = (event: WorkerEvent): void => port.postMessage(event);

/** The file's bytes, read no faster than the main thread writes what they became. */
async function* paced(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    if (inFlight > MAX_IN_FLIGHT) await new Promise<void>((resolve) => (creditWaiter = resolve));
    yield chunk;
  }
}

async function run(job: ParseJob): Promise<void> {
  const reader = new TraceReader({ file: job.name, firstIndex: 1 });
  const spill = job.spillTo;
  let bytes = 0;
  const input = new InputTake(
    (diagnostic) => post({ type: "show", id: job.id, diagnostic }),
    (packets) => {
      const parts = packets.map((p) => packetOutput(job.format, p));
      if (spill !== undefined) {
        writeSync(spill, parts.join(""));
        post({ type: "progress", id: job.id, packets: parts.length, bytes });
      } else {
        for (const part of parts) inFlight += part.length;
        post({ type: "out", id: job.id, parts, bytes });
      }
      bytes = 0;
    },
  );
  try {
    await readInput(paced(createReadStream(job.path, { highWaterMark: READ_CHUNK_BYTES })), job.name, reader, input, {
      maxBytes: Infinity,
      nonTracePrefix: NON_TRACE_PREFIX,
      advance: (n) => (bytes += n),
    });
    input.take(reader.end());
  } catch (error) {
    post({ type: "fail", id: job.id, message: error instanceof UsageError ? error.message : String(error) });
    return;
  }
  if (bytes > 0) post({ type: "progress", id: job.id, packets: 0, bytes });
  post({ type: "end", id: job.id, errors: input.errors, sawNoPacket: input.sawNoPacket, packets: input.packets });
}
