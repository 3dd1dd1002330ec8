/**
 * `vpptrace capture --vppctl CMD`: trace a node through the vppctl the user names (a local
 * `vppctl -s SOCKET`, or `kubectl exec … -- vppctl`), and write its trace with its state
 * as one capture file, which `check` reads as the node's trace and state together.
 */
import { Command } from "commander";
import { captureNode, CaptureError, type VppctlRunner } from "../../capture/index.js";
import { UsageError, type CliIo } from "../io.js";
import { parseCount } from "../inputs.js";

interface CaptureCliOptions {
  vppctl: string;
  packets: number;
  duration: number;
  inputNode: string[];
  output?: string;
  quiet?: boolean;
}

/** `vppctl -s "/run/vpp/cli.sock"` → its words; single and double quotes group. */
export function commandWords(text: string): string[] {
  const words = [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  if (words.length === 0) throw new UsageError("--vppctl is empty: give the command that runs vppctl, e.g. 'vppctl -s /run/vpp/cli.sock'");
  return words;
}

const parseSeconds = (text: string): number => {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 3600) throw new UsageError(`'${text}' is not a duration: expected 1 to 3600 seconds`);
  return Number(text);
};

export function captureCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("capture")
    .description("trace a VPP through the vppctl you name and write its trace and state as one capture file, for check")
    .requiredOption("--vppctl <command>", "how to run vppctl: 'vppctl -s /run/vpp/cli.sock', 'kubectl exec -n calico-vpp-dataplane POD -c vpp -- vppctl'")
    .option("-n, --packets <n>", "packets to trace per input node (trace add NODE N); stops waiting once traced", parseCount, 50)
    .option("--duration <seconds>", "how long to wait for the packets", parseSeconds, 10)
    .option("--input-node <node>", "an input node to trace (repeatable); default: the ones the interfaces need", (v: string, all: string[]) => [...all, v], [])
    .option("-o, --output <file>", "write the capture file here instead of standard output")
    .option("-q, --quiet", "print no progress")
    .addHelpText("after", "\nThen: vpptrace check capture.vpp1.txt capture.vpp2.txt\n\nExit codes: 0 captured, 2 usage error, a vppctl that fails or does not answer, or no packet traced.")
    .action(async (options: CaptureCliOptions) => {
      const words = commandWords(options.vppctl);
      if (io.run === undefined) throw new UsageError("this vpptrace cannot run commands");
      const run: VppctlRunner = (command) => io.run!(words[0], [...words.slice(1), ...command], 30_000);
      try {
        const progress = options.quiet ? undefined : (packets: number, seconds: number) => io.stderr(`vpptrace: ${packets} packets traced after ${seconds} s\n`);
        const captured = await captureNode(run, { packets: options.packets, duration: options.duration, inputNodes: options.inputNode, progress });
        if (options.output === undefined) io.stdout(captured.text);
        else {
          if (io.writeFile === undefined) throw new UsageError("this vpptrace cannot write files");
          await io.writeFile(options.output, captured.text);
          if (!options.quiet) io.stderr(`vpptrace: wrote ${options.output}: ${captured.packets} packets from ${captured.nodes.join(", ")} and the node's state\n`);
        }
        setExitCode(0);
      } catch (error) {
        if (error instanceof CaptureError) throw new UsageError(error.message);
        throw error;
      }
    });
}
