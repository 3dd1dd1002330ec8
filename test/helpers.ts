/** Shared test helpers: sample paths, the shared real-trace corpus, an in-process CLI. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspectPath } from "../src/cli/disk.js";
import type { CliIo } from "../src/cli/io.js";
import { runCli } from "../src/cli/program.js";
import { parseTrace } from "../src/trace/index.js";
import type { Packet } from "../src/model/trace.js";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const samplesDir = join(root, "samples");
export const sharedTracesDir = join(root, "..", "shared", "traces");
export const hasSharedTraces = existsSync(sharedTracesDir);

export const sampleFiles = (): string[] =>
  readdirSync(samplesDir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
export const sharedTraceFiles = (): string[] =>
  hasSharedTraces ? readdirSync(sharedTracesDir).filter((f) => f.endsWith(".txt")).sort() : [];

export const sampleText = (name: string): string => readFileSync(join(samplesDir, name), "utf8");

/** The one packet of a guide sample (each sample file holds one capture of one packet). */
export function samplePacket(name: string): Packet {
  const parsed = parseTrace(sampleText(name), { file: `samples/${name}` });
  if (parsed.packets.length !== 1) throw new Error(`${name}: expected one packet, got ${parsed.packets.length}`);
  return parsed.packets[0];
}

export function recordOf(packet: Packet, node: string, nth = 0) {
  const found = packet.records.filter((r) => r.node === node)[nth];
  if (found === undefined) throw new Error(`no ${node} #${nth} in packet ${packet.label}`);
  return found;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process; files are read from disk in chunks of `chunk` bytes, `stdin`
 *  (text or bytes) feeds `-`; `more` adds to or replaces the io (cwd, env, a terminal). */
export async function runCliCapture(argv: string[], stdin: string | Uint8Array = "", chunk = 4096, more: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const onDisk = (path: string): string => (path.startsWith("/") ? path : join(root, path));
  const read = (path: string): Promise<string> => readFile(onDisk(path), "utf8");
  const code = await runCli(argv, {
    diskPath: onDisk,
    sizeOf: async (path) => (await stat(onDisk(path))).size,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: read,
    inspectPath: (path) => inspectPath(onDisk(path)),
    writeFile: async (path, text) => {
      const { writeFile } = await import("node:fs/promises");
      await writeFile(path, text, "utf8");
    },
    writeBytes: async (path, bytes) => {
      const { writeFile } = await import("node:fs/promises");
      await writeFile(path, bytes);
    },
    listDirectory: async (path) => {
      if (!(await stat(onDisk(path)).then((s) => s.isDirectory(), () => false))) return undefined;
      const names = (await readdir(onDisk(path))).filter((n) => !n.startsWith(".")).sort();
      const files: string[] = [];
      for (const n of names) if ((await stat(join(onDisk(path), n))).isFile()) files.push(join(path, n));
      return files;
    },
    readBytes: async function* (path) {
      const bytes = path === "-" ? Buffer.from(stdin) : await readFile(onDisk(path));
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    },
    ...more,
  });
  return { code, stdout, stderr };
}
