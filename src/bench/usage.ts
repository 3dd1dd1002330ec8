/**
 * Loaded into each measured process (`node --import …/usage.js`): at exit, writes the whole
 * process's CPU time (user + system, start-up included) and peak RSS as JSON to the file
 * VPPTRACE_BENCH_USAGE names. Measuring inside the process works the same for a pipeline
 * (`vpptrace parse … | cat`), where the parent only sees the shell.
 */
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.VPPTRACE_BENCH_USAGE;
// Usage is the process's: its workers (parse --jobs) would only write it again.
if (file !== undefined && isMainThread) {
  process.on("exit", () => {
    const cpu = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  });
}
