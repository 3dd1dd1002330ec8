/**
 * One measured run, in a process of its own so that its peak RSS is its own: `parse` and
 * `check` through the real CLI with output discarded, or the baseline — a bare line scan
 * with one regular expression. Prints `{seconds, cpuSeconds, count, maxRssMB}` as JSON: wall
 * time, and the CPU time (user + system) the machine's other load does not inflate as much.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { runCli } from "../cli/program.js";

const [mode, file, cluster] = process.argv.slice(2);

async function* readStream(path: string): AsyncIterable<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 16, encoding: "utf8" });
  for await (const chunk of stream) yield chunk as string;
}

async function baseline(): Promise<number> {
  const header = /^\d\d:\d\d:\d\d:\d{6}: \S+$/;
  let rest = "";
  let records = 0;
  for await (const chunk of readStream(file)) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const line of lines) if (header.test(line)) records++;
  }
  return records;
}

async function cli(args: string[]): Promise<number> {
  let written = 0;
  const code = await runCli(args, {
    stdout: (text) => void (written += text.length),
    stderr: () => undefined,
    readFile: (path) => readFile(path, "utf8"),
    readBytes: (path) => createReadStream(path, { highWaterMark: 1 << 16 }),
    sizeOf: async (path) => (await stat(path)).size,
  });
  if (code > 1) throw new Error(`vpptrace ${args.join(" ")} exited ${code}`);
  return written;
}

const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const checkArgs = cluster === undefined ? ["check", "-q", file] : ["check", "-q", "--cluster", cluster, file];
const count = mode === "baseline" ? await baseline() : await cli(mode === "parse" ? ["parse", "-f", "ndjson", "-q", file] : checkArgs);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, count, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
