/**
 * Capturing a node's trace and state through a vppctl the user names: `clear trace`,
 * `trace add NODE N` for the input nodes its interfaces need, a wait (a duration, or until
 * N packets were traced, with progress), `show trace max N`, then the state commands; the
 * result is a capture file — each output under its `vpp# …` line — that `check` reads as
 * the node's trace and state together. The vppctl is run through `run`, so that the caller
 * chooses how (the CLI spawns it; tests answer for it).
 */

/** Runs the user's vppctl with one CLI command's words appended. */
export type VppctlRunner = (command: string[]) => Promise<{ stdout: string; stderr: string; code: number }>;

export class CaptureError extends Error {}

export interface CaptureOptions {
  /** How many packets to trace per input node (VPP's `trace add NODE N`). */
  packets: number;
  /** How long to wait for them, in seconds. */
  duration: number;
  /** Input nodes to trace; derived from the interfaces when empty. */
  inputNodes: string[];
  /** Told every second: packets traced so far. */
  progress?: (packets: number, seconds: number) => void;
  /** Waits; a test gives one that does not. */
  sleep?: (ms: number) => Promise<void>;
}

/** The state commands a capture file holds, in the order `check` reads them best. */
export const STATE_COMMANDS = [
  "show version verbose",
  "show interface",
  "show interface address",
  "show ip fib table 0",
  "show ip neighbors",
  "show bridge-domain",
  "show vxlan tunnel",
  "show l2fib verbose",
  "show nat44 interfaces",
  "show nat44 static mappings",
  "show nat44 addresses",
  "show mode",
  "show acl-plugin acl",
  "show acl-plugin interface",
];

/** VPP's CLI answers an error with exit 0 and words like these on its output. */
const CLI_ERROR = /^(?:unknown input|.*: unknown input|parse error|clib_socket_init: |vppctl: |.*Connection refused|.*No such file)/im;

async function cli(run: VppctlRunner, command: string): Promise<string> {
  let result: Awaited<ReturnType<VppctlRunner>>;
  try {
    result = await run(command.split(" "));
  } catch (error) {
    throw new CaptureError(`vppctl could not be run for '${command}': ${(error as Error).message}`);
  }
  const said = `${result.stderr}${result.stdout}`.trim();
  if (result.code !== 0) throw new CaptureError(`vppctl failed on '${command}' (exit ${result.code})${said === "" ? "" : `: ${said.split("\n")[0]}`}`);
  return result.stdout;
}

/** The input nodes a node's interfaces receive by, from their names (`host-X` af_packet,
 *  `tapN` tap v2 — `tap-input` since 24.x, `virtio-input` before —, NICs by driver). */
export function inputNodesFor(interfaceNames: string[]): string[] {
  const nodes = new Set<string>();
  for (const name of interfaceNames) {
    if (/^host-/.test(name)) nodes.add("af-packet-input");
    else if (/^tap\d/.test(name)) ["tap-input", "virtio-input"].forEach((n) => nodes.add(n));
    else if (/^memif/.test(name)) nodes.add("memif-input");
    else if (/Ethernet|^eth\d|^en[ops]/.test(name)) nodes.add("dpdk-input");
  }
  return [...nodes];
}

const interfaceNames = (showInterface: string): string[] =>
  showInterface
    .split("\n")
    .slice(1)
    .filter((l) => /^\S+\s+\d+\s/.test(l))
    .map((l) => l.split(/\s+/)[0]);

const packetsIn = (trace: string): number => trace.match(/^Packet \d+/gm)?.length ?? 0;

/** Adds the trace on each node; a node this VPP does not have is skipped (tap-input before
 *  24.x), but at least one must take. */
async function addTraces(run: VppctlRunner, nodes: string[], packets: number): Promise<string[]> {
  const added: string[] = [];
  const refused: string[] = [];
  for (const node of nodes) {
    const out = await cli(run, `trace add ${node} ${packets}`);
    if (CLI_ERROR.test(out)) refused.push(`${node}: ${out.trim().split("\n")[0]}`);
    else added.push(node);
  }
  if (added.length === 0) throw new CaptureError(`no input node could be traced (${refused.join("; ") || "none given"}): name them with --input-node`);
  return added;
}

export async function captureNode(run: VppctlRunner, options: CaptureOptions): Promise<{ text: string; packets: number; nodes: string[] }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const version = await cli(run, "show version");
  if (!/vpp v\d|Version:/i.test(version)) throw new CaptureError(`vppctl does not answer like VPP: 'show version' printed '${version.trim().split("\n")[0] ?? ""}'`);
  const names = interfaceNames(await cli(run, "show interface"));
  const wanted = options.inputNodes.length > 0 ? options.inputNodes : inputNodesFor(names);
  await cli(run, "clear trace");
  const nodes = await addTraces(run, wanted, options.packets);
  let seen = 0;
  for (let second = 1; second <= options.duration && seen < options.packets; second++) {
    await sleep(1000);
    seen = packetsIn(await cli(run, `show trace max ${options.packets}`));
    options.progress?.(seen, second);
  }
  const trace = await cli(run, `show trace max ${options.packets}`);
  const packets = packetsIn(trace);
  if (packets === 0) throw new CaptureError(`no packet was traced on ${nodes.join(", ")} in ${options.duration} s: is there traffic through this VPP?`);
  const sections = [`vpp# show trace max ${options.packets}\n${trace.trimEnd()}\n`];
  for (const command of STATE_COMMANDS) sections.push(`vpp# ${command}\n${(await cli(run, command)).trimEnd()}\n`);
  for (const name of names) sections.push(`vpp# show interface features ${name}\n${(await cli(run, `show interface features ${name}`)).trimEnd()}\n`);
  await cli(run, "clear trace");
  return { text: sections.join("\n"), packets, nodes };
}
