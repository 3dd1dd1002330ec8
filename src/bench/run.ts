/**
 * `npm run bench -- --size 200MB [--runs 3] [--keep]`: generate a realistic trace of that size,
 * then measure `parse --format ndjson` and `check` (every rule, on the samples' cluster: each
 * packet placed and walked through the configuration) against a bare line scan in the same
 * run: MB/s of CPU time and of wall time, packets/s, peak RSS, and the ratio of CPU times to
 * the baseline's. Medians of several runs, since machines here are noisy.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTracePieces } from "./generate.js";

const here = dirname(fileURLToPath(import.meta.url));
const samplesDir = join(here, "..", "..", "..", "samples");

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)?$/i.exec(text.trim());
  if (m === null) throw new Error(`--size ${text}: expected a size such as 200MB or 1GB`);
  const unit = { KB: 1e3, MB: 1e6, GB: 1e9 }[(m[2] ?? "MB").toUpperCase() as "KB" | "MB" | "GB"];
  return Math.round(Number(m[1]) * unit);
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  count: number;
  maxRssMB: number;
}

function measure(mode: string, file: string): Run {
  const out = execFileSync(process.execPath, [join(here, "child.js"), mode, file, join(samplesDir, "cluster.yaml")], { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(out) as Run;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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

const size = parseSize(option("size", "200MB"));
const runs = Number(option("runs", "3"));
const dir = mkdtempSync(join(tmpdir(), "vpptrace-bench-"));
const file = join(dir, "trace.txt");
const packets = writeTrace(size, file);
const mb = statSync(file).size / 1e6;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`trace: ${mb.toFixed(1)} MB, ${packets} packets, 3 threads; median of ${runs} runs\n`);
const cpu: number[] = [];
console.log(`${"".padEnd(32)} ${"CPU MB/s".padStart(9)} ${"wall MB/s".padStart(10)} ${"packets/s".padStart(10)}  peak RSS`);
for (const mode of ["baseline", "parse", "check"]) {
  const results = Array.from({ length: runs }, () => measure(mode, file));
  const seconds = median(results.map((r) => r.seconds));
  const cpuSeconds = median(results.map((r) => r.cpuSeconds));
  const rss = median(results.map((r) => r.maxRssMB));
  cpu.push(cpuSeconds);
  const label = mode === "baseline" ? "baseline (line scan, one regex)" : mode === "parse" ? "parse --format ndjson" : "check --cluster samples/…";
  console.log(`${label.padEnd(32)} ${(mb / cpuSeconds).toFixed(1).padStart(9)} ${(mb / seconds).toFixed(1).padStart(10)} ${Math.round(packets / cpuSeconds).toString().padStart(10)}  ${rss.toFixed(0).padStart(5)} MB`);
}
console.log(`\nCPU time ratio to baseline: parse ${(cpu[1] / cpu[0]).toFixed(2)}x, check ${(cpu[2] / cpu[0]).toFixed(2)}x`);
if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
else console.log(`trace kept: ${file}`);
