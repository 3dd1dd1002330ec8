/**
 * `parse --jobs N`: several trace files parsed at once, one per worker thread. The output
 * is the serial one, byte for byte: each file's packets are renumbered after the files
 * before it and written in command-line order. The file being written streams its output
 * through messages; a later one's worker writes its output to a temporary file, copied out
 * (renumbered) when its turn comes, so memory stays flat however large the files.
 */
import { randomUUID } from "node:crypto";
import { availableParallelism, tmpdir } from "node:os";
import { closeSync, existsSync, openSync, readSync, unlinkSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../model/trace.js";
import { UsageError, type CliIo } from "./io.js";
import { InputVerdicts } from "../input/index.js";
import { renumberLines, type StreamedFormat } from "./packet-output.js";
import type { Ack, ParseJob, WorkerEvent } from "./parse-worker.js";
import type { Progress } from "./progress.js";

/** Below this much input, starting workers costs more than it saves. */
const WORTH_A_WORKER = 4 << 20;

export const defaultJobs = (): number => availableParallelism();

/** `--jobs N`: a whole number of threads, at least 1. */
export function parseJobs(text: string): number {
  if (!/^[1-9]\d*$/.test(text.trim())) throw new UsageError(`'${text}' is not a number of jobs: expected 1 or more`);
  return Number(text);
}

/** The compiled worker script; from the TypeScript sources (the tests), its build. */
function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, "parse-worker.js");
  return existsSync(beside) ? beside : join(here, "..", "..", "dist", "src", "cli", "parse-worker.js");
}

/** The inputs' paths on disk when parsing them on workers is possible and worth it. */
export async function parallelInputs(files: string[], jobs: number, io: CliIo): Promise<string[] | undefined> {
  if (jobs < 2 || files.length < 2 || io.diskPath === undefined || files.includes("-")) return undefined;
  let total = 0;
  try {
    for (const f of files) total += (await io.sizeOf?.(f)) ?? 0;
  } catch {
    return undefined; // an unreadable input: the serial path reports it in order
  }
  if (total < WORTH_A_WORKER) return undefined;
  return files.map((f) => io.diskPath!(f));
}

interface Pending {
  event: WorkerEvent;
  worker: Worker;
}

export function parseInWorkers(
  names: string[],
  paths: string[],
  jobs: number,
  format: StreamedFormat,
  io: CliIo,
  show: (d: Diagnostic) => void,
  progress: Progress,
  allowEmpty = false,
): Promise<void> {
  const verdicts = new InputVerdicts(names.length, show, allowEmpty);
  const queues: Pending[][] = names.map(() => []);
  const workers: Worker[] = [];
  let nextFile = 0;
  let current = 0;
  let offset = 0;
  let stopped = false;
  /** Temporary files of the files whose turn has not come, by file: unlinked as soon as
   *  opened, so that nothing is left behind however the run ends. */
  const spills = new Map<number, number>();
  const openSpill = (): number => {
    const path = join(tmpdir(), `vpptrace-${randomUUID()}.out`);
    const fd = openSync(path, "w+");
    unlinkSync(path);
    return fd;
  };

  return new Promise<void>((resolve, reject) => {
    const stop = (error?: unknown): void => {
      if (stopped) return;
      stopped = true;
      for (const w of workers) void w.terminate();
      for (const fd of spills.values()) closeSync(fd);
      spills.clear();
      if (error === undefined) resolve();
      else reject(error);
    };
    const assign = (worker: Worker): void => {
      if (nextFile >= names.length) return;
      const id = nextFile;
      if (id !== current) spills.set(id, openSpill());
      const job: ParseJob = { type: "job", id, path: paths[id], name: names[id], format, spillTo: spills.get(id) };
      nextFile++;
      worker.postMessage(job);
    };
    /** Writes what the current file has to say, moving on to the next file at its end. A
     *  worker is acknowledged only once the output has taken its text, so a slow reader
     *  holds the workers back instead of filling memory. */
    const drain = async (): Promise<void> => {
      while (!stopped && current < names.length) {
        const pending = queues[current].shift();
        if (pending === undefined) return;
        const { event, worker } = pending;
        if (event.type === "out") {
          const text = renumberLines(event.parts.join(""), offset, format);
          if (text !== "") io.stdout(text);
          await io.drained?.();
          worker.postMessage({ type: "ack", chars: event.parts.reduce((n, p) => n + p.length, 0) } satisfies Ack);
        } else if (event.type === "show") show(event.diagnostic);
        else if (event.type === "fail") throw new UsageError(event.message);
        else if (event.type === "end") {
          verdicts.judge(event.errors, event.sawNoPacket);
          const spill = spills.get(current);
          if (spill !== undefined) {
            await copySpilled(spill, offset, format, io);
            closeSync(spill);
            spills.delete(current);
          }
          offset += event.packets;
          current++;
        }
      }
      stop();
    };
    /** One drain at a time: messages that arrive while it waits on the output join the queue
     *  it is emptying. */
    let draining = false;
    const pump = async (): Promise<void> => {
      if (draining) return;
      draining = true;
      try {
        await drain();
      } catch (error) {
        stop(error);
      } finally {
        draining = false;
      }
    };
    for (let i = 0; i < Math.min(jobs, names.length); i++) {
      const worker = new Worker(workerScript());
      workers.push(worker);
      worker.on("message", (event: WorkerEvent) => {
        if (event.type === "progress") {
          progress.advance(event.bytes, event.packets);
          return; // nothing to write: a spilling worker's output is in its file
        }
        if (event.type === "out") progress.advance(event.bytes, event.parts.length);
        queues[event.id].push({ event, worker });
        if (event.type === "end" || event.type === "fail") assign(worker);
        void pump();
      });
      worker.on("error", (error) => stop(error));
      assign(worker);
    }
  });
}

/** A spilled file's output to stdout, renumbered, in pieces of whole lines, each once the
 *  output has taken the one before. */
async function copySpilled(fd: number, offset: number, format: StreamedFormat, io: CliIo): Promise<void> {
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let position = 0;
  for (let n = readSync(fd, buffer, 0, buffer.length, position); n > 0; n = readSync(fd, buffer, 0, buffer.length, position)) {
    position += n;
    const text = rest + decoder.write(buffer.subarray(0, n));
    const end = text.lastIndexOf("\n") + 1;
    if (end > 0) io.stdout(renumberLines(text.slice(0, end), offset, format));
    rest = text.slice(end);
    await io.drained?.();
  }
  rest += decoder.end();
  if (rest !== "") io.stdout(renumberLines(rest, offset, format));
}
