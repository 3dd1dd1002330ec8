/**
 * The suite's global setup: starts the VPP lab session (test/lab/session.sh) in the
 * background when this run includes lab tests and the lab can run here, so that the lab's
 * ~90 s of captures (mostly waiting on VPP and the namespaces, little CPU) overlap the rest
 * of the suite; test/lab/lab.ts waits for it. Teardown stops whatever is still running and
 * brings the topology down.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { labDir, labSkip, sharedVppDir, vppBinary } from "./lab.js";

/** Filters given on the command line (`vitest run test/trace`): the lab starts only for a
 *  run that may include test/lab. `filenamePattern` is vitest's own record of them. */
function runIncludesLab(project: TestProject): boolean {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  return filters === undefined || filters.some((f) => f.includes("lab"));
}

function installVpp(): void {
  if (existsSync(vppBinary)) return;
  execFileSync("bash", [join(sharedVppDir, "install.sh")], { stdio: "ignore" });
}

export default function setup(project: TestProject): (() => void) | undefined {
  project.provide("vpptraceLabDir", "");
  if (!runIncludesLab(project) || labSkip() !== undefined) return undefined;
  installVpp();
  const dir = mkdtempSync(join(tmpdir(), "vpptrace-lab-"));
  const session: ChildProcess = spawn("bash", [join(labDir, "session.sh"), dir], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, NODE_BIN: process.execPath },
  });
  session.unref();
  project.provide("vpptraceLabDir", dir);
  return () => {
    if (!existsSync(join(dir, "status")) && session.pid !== undefined) {
      try {
        process.kill(-session.pid, "SIGTERM");
      } catch {
        // already gone
      }
      execFileSync("bash", [join(labDir, "topology.sh"), "down"], { stdio: "ignore" });
    }
    if (process.env.VPPTRACE_LAB_KEEP === undefined) rmSync(dir, { recursive: true, force: true });
  };
}
