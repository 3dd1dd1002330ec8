/**
 * `npm run bench [-- --size 150MB --runs 3 --startup-runs 9 --huge 1GB --keep --startup-only]`: what a user
 * feels, each figure a ratio to a baseline measured in the same run, since the machines here
 * are shared and noisy.
 *
 * - Start-up: `vpptrace --version`, `check` on one sample and `check --cluster` on all of them,
 *   against `node -e 0`.
 * - Throughput on a generated trace of --size: check, parse (NDJSON to a file and through
 *   `| cat`, JSON to a file) and `diff big big`, against a bare line scan (line-scan.ts).
 * - With --huge: `check` on a trace that large, for its peak RSS.
 *
 * Every command runs as a user types it, the bundled CLI in a shell, with usage.ts preloaded
 * to report the process's own CPU time (user + system) and peak RSS. Medians of the runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateTracePieces } from "./generate.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const samplesDir = join(root, "samples");
const bin = join(root, (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: { vpptrace: string } }).bin.vpptrace);
const vpptrace = `"${process.execPath}" "${bin}"`;

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)?$/i.exec(text.trim());
  if (m === null) throw new Error(`${text}: expected a size such as 150MB or 1GB`);
  const unit = { KB: 1e3, MB: 1e6, GB: 1e9 }[(m[2] ?? "MB").toUpperCase() as "KB" | "MB" | "GB"];
  return Math.round(Number(m[1]) * unit);
}

function option(name: string, fallback: string | undefined): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

interface Run {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssMB: number;
}

const dir = mkdtempSync(join(tmpdir(), "vpptrace-bench-"));
const usageFile = join(dir, "usage.json");

/** One run of a shell command line; CPU time and peak RSS are those of its node process. */
function runOnce(commandLine: string): Run {
  rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync("sh", ["-c", commandLine], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, VPPTRACE_BENCH_USAGE: usageFile, NODE_OPTIONS: `--import=${pathToFileURL(join(here, "usage.js")).href}` },
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // check exits 1 on the generated trace's injected faults; 2 or more is a failure.
  if (run.status === null || run.status > 1) throw new Error(`${commandLine} exited ${run.status}: ${run.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { cpuSeconds: number; maxRssMB: number };
  return { wallSeconds, ...usage };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Medians of `runs` runs of each command, taken in turn so that a burst of load elsewhere
 *  falls on all of them rather than on one. */
function measureInTurn(commands: string[], runs: number): Run[] {
  const results: Run[][] = commands.map(() => []);
  for (let r = 0; r < runs; r++) commands.forEach((c, i) => results[i].push(runOnce(c)));
  return results.map((rs) => ({ wallSeconds: median(rs.map((r) => r.wallSeconds)), cpuSeconds: median(rs.map((r) => r.cpuSeconds)), maxRssMB: median(rs.map((r) => r.maxRssMB)) }));
}

function writeTrace(size: number, file: string): number {
  const fd = openSync(file, "w");
  let packets = 0;
  for (const piece of generateTracePieces(size, samplesDir)) {
    writeSync(fd, piece);
    if (piece.startsWith("Packet ")) packets++;
  }
  closeSync(fd);
  return packets;
}

const cell = (text: string, width: number): string => text.padStart(width);

function startup(runs: number): void {
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith(".txt")).sort().map((f) => `samples/${f}`);
  const rows: [string, string][] = [
    ["node -e 0", `"${process.execPath}" -e 0`],
    ["vpptrace --version", `${vpptrace} --version > /dev/null`],
    ["vpptrace check <one sample>", `${vpptrace} check ${samples[0]} > /dev/null 2>&1`],
    ["vpptrace check --cluster … samples/*", `${vpptrace} check --cluster samples/cluster.yaml ${samples.join(" ")} > /dev/null 2>&1`],
  ];
  const results = measureInTurn(rows.map(([, c]) => c), runs);
  console.log(`start-up, median of ${runs} runs      CPU s   wall s   CPU ratio to node -e 0`);
  rows.forEach(([label], i) => {
    const r = results[i];
    console.log(`${label.padEnd(36)}${cell(r.cpuSeconds.toFixed(3), 6)}${cell(r.wallSeconds.toFixed(3), 9)}${cell(`${(r.cpuSeconds / results[0].cpuSeconds).toFixed(2)}x`, 10)}`);
  });
}

function throughput(size: number, runs: number): string {
  const file = join(dir, "trace.txt");
  const packets = writeTrace(size, file);
  const mb = statSync(file).size / 1e6;
  const out = join(dir, "out");
  const rows: [string, string][] = [
    ["line scan (4 MB chunks, split, regex)", `"${process.execPath}" "${join(here, "line-scan.js")}" ${file} > /dev/null`],
    ["check --cluster samples/cluster.yaml", `${vpptrace} check -q --cluster samples/cluster.yaml ${file} > /dev/null`],
    ["parse -f ndjson > file", `${vpptrace} parse -q -f ndjson ${file} > ${out}`],
    ["parse -f ndjson | cat", `${vpptrace} parse -q -f ndjson ${file} | cat > /dev/null`],
    ["parse -f json > file", `${vpptrace} parse -q -f json ${file} > ${out}`],
    ["diff big big", `${vpptrace} diff -q ${file} ${file} > /dev/null`],
  ];
  const results = measureInTurn(rows.map(([, c]) => c), runs);
  rmSync(out, { force: true });
  console.log(`\n${mb.toFixed(1)} MB trace, ${packets} packets, 3 threads; median of ${runs} runs`);
  console.log(`${"".padEnd(38)}  CPU s  wall s  CPU MB/s  peak RSS  CPU ratio to line scan`);
  rows.forEach(([label], i) => {
    const r = results[i];
    console.log(`${label.padEnd(38)}${cell(r.cpuSeconds.toFixed(2), 7)}${cell(r.wallSeconds.toFixed(2), 8)}${cell((mb / r.cpuSeconds).toFixed(1), 10)}${cell(`${r.maxRssMB.toFixed(0)} MB`, 10)}${cell(`${(r.cpuSeconds / results[0].cpuSeconds).toFixed(2)}x`, 10)}`);
  });
  console.log(`diff big big costs ${(results[5].cpuSeconds / results[1].cpuSeconds).toFixed(2)}x the CPU of check`);
  return file;
}

function huge(size: number): void {
  const file = join(dir, "huge.txt");
  const packets = writeTrace(size, file);
  const mb = statSync(file).size / 1e6;
  const [r] = measureInTurn([`${vpptrace} check -q --cluster samples/cluster.yaml ${file} > /dev/null`], 1);
  rmSync(file, { force: true });
  console.log(`\n${mb.toFixed(0)} MB trace, ${packets} packets: check --cluster ${r.cpuSeconds.toFixed(1)} s CPU, ${r.wallSeconds.toFixed(1)} s wall, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
}

execFileSync(process.execPath, ["-e", "0"]);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
startup(Number(option("startup-runs", "9")));
if (!process.argv.includes("--startup-only")) {
  const kept = throughput(parseSize(option("size", "150MB")!), Number(option("runs", "3")));
  const hugeSize = option("huge", undefined);
  if (hugeSize !== undefined) huge(parseSize(hugeSize));
  if (process.argv.includes("--keep")) console.log(`\ntrace kept: ${kept}`);
}
if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
