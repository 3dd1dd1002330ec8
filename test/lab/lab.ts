/**
 * The real VPP in the test suite: one lab session per test run (test/lab/session.sh brings
 * two VPP 26.06 instances up in network namespaces, wired like a two-node Contiv/VPP
 * cluster, and captures every scenario of the packet-flow guide), shared by every test file
 * that needs it.
 *
 * API for tests:
 *   const lab = await labSession();           // undefined: the lab cannot run here (see labSkip)
 *   labSkip()                                  // why it cannot run here, or undefined
 *   lab.captures("default")                    // every trace of a set, with scenario, node, client result
 *   lab.capture("default", "02", 2)            // one trace: set, scenario id, node
 *   lab.state("default", 1)                    // node 1's `show` outputs, each under `vpp# show …`
 * Sets: `default` (every scenario, 01–13), `rerun` (the same again: new ports, IP IDs,
 * sequence numbers), `underlay-nat` (the topology variant with NAT on the underlay),
 * `change-mapping-moved` (06 after 10.96.0.10:80 was mapped to 10.1.2.3:8080 on node 1),
 * `change-route-changed` (02 after 10.1.2.0/24 was routed out of the uplink on node 1),
 * `change-egress-acl-removed` (10 after acl 1 was removed from host-lv1b's output),
 * `change-vni-changed` (02 after node 2's tunnel was made VNI 11). The state dumped before the
 * changes is the `default` set's; each change is undone before the next (the VNI last).
 * Hooks: an executable `test/lab/hooks/NAME.sh` runs while the default topology is up, with
 * the lab's helpers (`vctl N …`, `vcmd N …`) and `$OUT`; it writes under `$OUT/hooks/`,
 * read by `lab.hookDir`.
 *
 * The session starts in the suite's global setup (test/lab/setup.ts) and runs while the other
 * tests do; lab test files are ordered last (test/vitest.config.ts), and wait for it here.
 * Where it cannot run (not root, no network namespaces, no VPP), tests skip with one line
 * saying why; in CI (CI=true) that is a failure instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";

export const labDir = import.meta.dirname;
export const sharedVppDir = join(labDir, "..", "..", "..", "shared", "vpp");
export const vppBinary = "/opt/vpp/bin/vpp";

export interface LabCapture {
  set: string;
  id: string;
  scenario: string;
  node: number;
  /** Absolute path of the trace. */
  path: string;
  /** What the client saw: `OK …` or `FAIL …`. */
  result: string;
}

export interface LabSession {
  dir: string;
  hookDir: string;
  captures(set: string): LabCapture[];
  capture(set: string, id: string, node: number): LabCapture;
  state(set: string, node: number): string;
}

/** Why the lab cannot run on this machine, or undefined. Cheap: no VPP is started. */
export function labSkip(): string | undefined {
  if (process.platform !== "linux") return "the VPP lab needs Linux";
  if (process.getuid?.() !== 0) return "the VPP lab needs root (network namespaces, AF_PACKET)";
  if (!existsSync(vppBinary) && !existsSync(join(sharedVppDir, "install.sh"))) return `no VPP: neither ${vppBinary} nor ${sharedVppDir}/install.sh`;
  for (const tool of ["ip", "flock", "ping", "nft"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      return `the VPP lab needs \`${tool}\` (iproute2, util-linux, iputils-ping, nftables)`;
    }
  }
  if (!existsSync("/var/run/netns") && !canCreateNetns()) return "network namespaces cannot be created here";
  return undefined;
}

function canCreateNetns(): boolean {
  try {
    execFileSync("ip", ["netns", "add", "vpptrace-probe"], { stdio: "ignore" });
    execFileSync("ip", ["netns", "del", "vpptrace-probe"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The session's folder, as the global setup started it (or undefined: it did not). */
function sessionDir(): string | undefined {
  return inject("vpptraceLabDir") || undefined;
}

/** A bound on the wait, not a test timer: a session takes ~90 s; 15 minutes means it hung. */
const WAIT_LIMIT_MS = 15 * 60_000;

/**
 * The lab session of this run, once it has finished; undefined where the lab cannot run
 * (the test then skips, or fails in CI). Throws when the session failed, with its log's tail.
 */
export async function labSession(): Promise<LabSession | undefined> {
  const skip = labSkip();
  if (skip !== undefined) {
    if (process.env.CI === "true") throw new Error(`the VPP lab must run in CI, but ${skip}`);
    return undefined;
  }
  const dir = sessionDir();
  if (dir === undefined) throw new Error("the lab session was not started: run the suite with test/vitest.config.ts (npm test)");
  const started = Date.now();
  while (!existsSync(join(dir, "status"))) {
    if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`the lab session in ${dir} did not finish in 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const status = readFileSync(join(dir, "status"), "utf8").trim();
  if (status !== "ok") {
    const log = readFileSync(join(dir, "session.log"), "utf8").split("\n").slice(-30).join("\n");
    throw new Error(`the lab session ${status}\n${log}`);
  }
  return openSession(dir);
}

function openSession(dir: string): LabSession {
  const rows = readFileSync(join(dir, "index.tsv"), "utf8").trim().split("\n").slice(1);
  const all: LabCapture[] = rows.map((row) => {
    const [set, id, scenario, node, file, result] = row.split("\t");
    return { set, id, scenario, node: Number(node), path: join(dir, file), result };
  });
  const traces = all.filter((c) => c.id !== "state");
  return {
    dir,
    hookDir: join(dir, "hooks"),
    captures: (set) => traces.filter((c) => c.set === set),
    capture(set, id, node) {
      const found = traces.find((c) => c.set === set && c.id === id && c.node === node);
      if (found === undefined) throw new Error(`the lab session has no capture ${set} ${id} on node ${node}`);
      return found;
    },
    state(set, node) {
      const found = all.find((c) => c.set === set && c.id === "state" && c.node === node);
      if (found === undefined) throw new Error(`the lab session has no state of node ${node} in ${set}`);
      return readFileSync(found.path, "utf8");
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The running lab session's folder; "" when none was started. */
    vpptraceLabDir: string;
  }
}
