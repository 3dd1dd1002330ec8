/** `vpptrace report [files…] -o report.html` and `vpptrace report --diff A B -o diff.html`:
 *  a self-contained HTML page with the packets' paths drawn. */
import { Command } from "commander";
import { diffTraces } from "../../diff/index.js";
import { digestPacket, packDigest, renderCheckPage, renderDiffReport, type PackedDigest } from "../../report/html/index.js";
import { count } from "../../report/words.js";
import { readCluster } from "../cluster-option.js";
import { readStates, STATE_OPTION, type States } from "../state-option.js";
import { Checker } from "../../rules/index.js";
import type { Cluster } from "../../dataplanes/contiv/cluster.js";
import { coverageGate, DEFAULT_FAIL_ON, gate, worst, type GateOutcome } from "../gate.js";
import type { ReadCoverage } from "../../input/index.js";
import { UsageError, type CliIo } from "../io.js";
import { inputNames, parseCount, parseSize, readPackets, streamPackets } from "../inputs.js";
import { readTwice } from "../replay.js";
import { checkOutputPath, STDOUT, writeOutput, type NamedInputs } from "../output-option.js";

/** Packets drawn at most unless --max-packets says otherwise: the report holds a digest of
 *  each packet until the page is written (a few KB: its raw lines and labels). */
export const REPORT_MAX_PACKETS = 10_000;

interface ReportOptions {
  cluster?: string;
  state: string[];
  output: string;
  diff?: boolean;
  quiet?: boolean;
  maxPackets?: number;
  maxBytes?: number;
  allowEmpty?: boolean;
  filter?: string;
}

export function reportCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("report")
    .description("write a self-contained HTML report with each packet's path drawn (or, with --diff, two traces compared)")
    .argument("[files...]", "trace files; with --diff exactly two: A and B")
    .option("-c, --cluster <file>", "cluster description (YAML or JSON)")
    .option(STATE_OPTION.flags, STATE_OPTION.description, STATE_OPTION.collect, [])
    .option("--diff", "compare two traces instead of checking")
    .requiredOption("-o, --output <file>", "the HTML file to write; - for standard output")
    .option("-q, --quiet", "do not print parser warnings")
    .option("--max-packets <n>", "stop reading after this many packets (per trace with --diff)", parseCount, REPORT_MAX_PACKETS)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .addHelpText("after", "\nExit codes: 0 every packet conforms (or the traces are equivalent), 1 a packet violates or is incomplete (or the traces differ), 2 usage error, unreadable input, or the report cannot be written.")
    .action(async (files: string[], options: ReportOptions) => {
      // With -o -, the page is the output: nothing else is said, on either stream.
      const said = (text: string): void => (options.output === STDOUT ? undefined : io.stdout(text));
      const exit = (outcome: GateOutcome): void => {
        if (outcome.message !== undefined) io.stderr(`vpptrace: ${outcome.message}\n`);
        setExitCode(outcome.code);
      };
      if (options.diff) {
        if (files.length !== 2) throw new UsageError("report --diff takes exactly two traces: A and B");
        await checkOutputPath(options.output, [[files[0], "the trace A"], [files[1], "the trace B"]], io);
        const a = await readPackets([files[0]], io, options);
        const b = await readPackets([files[1]], io, options);
        const result = diffTraces(a.packets, b.packets);
        await writeOutput(options.output, renderDiffReport(result, a.packets, b.packets), io);
        said(`wrote ${options.output}: ${count(result.summary.different + result.summary.onlyA + result.summary.onlyB, "differing packet")}\n`);
        const equal = result.packets.every((p) => p.status === "identical" || p.status === "equivalent");
        exit(worst({ code: equal ? 0 : 1 }, coverageGate([a.coverage, b.coverage], options, result.summary.pairs, "pair of packets")));
        return;
      }
      const traces = files.filter((f) => f !== options.cluster);
      const inputs: NamedInputs = inputNames(traces).map((f) => [f, "the trace"]);
      if (options.cluster !== undefined) inputs.push([options.cluster, "the cluster file"]);
      await checkOutputPath(options.output, inputs, io);
      const cluster = await readCluster(options.cluster, io);
      if (cluster !== undefined && options.state.length > 0) throw new UsageError("--cluster and --state name two descriptions of the network: give one");
      const states = await readStates(options.state, cluster === undefined ? traces : [], io, options.quiet);
      const result = await checkedDigests(traces, io, { ...options, texts: states.texts }, cluster, states.plane);
      await writeOutput(options.output, renderCheckPage(result.digests, result.result), io);
      const s = result.result.summary;
      said(`wrote ${options.output}: ${count(s.packets, "packet")}: ${s.conforming} conform, ${s.violating} violate, ${s.unchecked} unchecked, ${s.incomplete} incomplete\n`);
      // The packets `check` fails by default fail the report too.
      exit(worst(gate(s, DEFAULT_FAIL_ON), coverageGate([result.coverage], options)));
    });
}

/**
 * Check the inputs as a whole, keeping a digest of each packet rather than the packet: a
 * first pass learns every connection (a reply may come before its request, as
 * checkWholeInput does it), a second checks each batch as it is read and digests it.
 */
async function checkedDigests(traces: string[], io: CliIo, options: ReportOptions & { texts: States["texts"] }, cluster: Cluster | undefined, plane: States["plane"]) {
  const checker = new Checker({ cluster, plane });
  const passes = readTwice(io);
  await streamPackets(traces, passes.first, { ...options, quiet: true, fields: checker.fieldsRead, keepRaw: false }, (packets) => checker.learn(packets));
  const digests = new Map<number, PackedDigest>();
  // Every field decoded, and the raw lines kept: a batch's packets live only until digested.
  const coverage: ReadCoverage = await streamPackets(traces, passes.second, options, (packets) => {
    checker.checkDetailed(packets).forEach((checked, i) => digests.set(packets[i].index, packDigest(digestPacket(packets[i], checked))));
  });
  return { digests, coverage, result: checker.result([...digests.values()].map((d) => d.result)) };
}
