/** `vpptrace report [files…] -o report.html` and `vpptrace report --diff A B -o diff.html`:
 *  a self-contained HTML page with the packets' paths drawn. */
import { Command } from "commander";
import { diffTraces } from "../../diff/index.js";
import { renderCheckReport, renderDiffReport } from "../../report/html/index.js";
import { count } from "../../report/words.js";
import { readCluster } from "../cluster-option.js";
import { readStates, STATE_OPTION } from "../state-option.js";
import { checkWholeInput } from "../../rules/index.js";
import { DEFAULT_FAIL_ON, gate } from "../gate.js";
import { UsageError, type CliIo } from "../io.js";
import { inputNames, parseCount, parseSize, readPackets } from "../inputs.js";
import { checkOutputPath, STDOUT, writeOutput, type NamedInputs } from "../output-option.js";

/** Packets drawn at most unless --max-packets says otherwise: the page takes about 15 KB and
 *  the report about 17 KB of memory per packet, and a browser does not open a page of
 *  hundreds of megabytes anyway (10⁶ small packets died at 4.2 GB before this bound). */
export const REPORT_MAX_PACKETS = 10_000;

interface ReportOptions {
  cluster?: string;
  state: string[];
  output: string;
  diff?: boolean;
  quiet?: boolean;
  maxPackets?: number;
  maxBytes?: number;
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
      if (options.diff) {
        if (files.length !== 2) throw new UsageError("report --diff takes exactly two traces: A and B");
        await checkOutputPath(options.output, [[files[0], "the trace A"], [files[1], "the trace B"]], io);
        const a = await readPackets([files[0]], io, options);
        const b = await readPackets([files[1]], io, options);
        const result = diffTraces(a, b);
        await writeOutput(options.output, renderDiffReport(result, a, b), io);
        said(`wrote ${options.output}: ${count(result.summary.different + result.summary.onlyA + result.summary.onlyB, "differing packet")}\n`);
        setExitCode(result.packets.every((p) => p.status === "identical") ? 0 : 1);
        return;
      }
      const traces = files.filter((f) => f !== options.cluster);
      const inputs: NamedInputs = inputNames(traces).map((f) => [f, "the trace"]);
      if (options.cluster !== undefined) inputs.push([options.cluster, "the cluster file"]);
      await checkOutputPath(options.output, inputs, io);
      const cluster = await readCluster(options.cluster, io);
      if (cluster !== undefined && options.state.length > 0) throw new UsageError("--cluster and --state name two descriptions of the network: give one");
      const states = await readStates(options.state, cluster === undefined ? traces : [], io, options.quiet);
      const packets = await readPackets(traces, io, { ...options, texts: states.texts });
      const { checked, result } = checkWholeInput(packets, { cluster, plane: states.plane });
      await writeOutput(options.output, renderCheckReport(packets, checked, result), io);
      const s = result.summary;
      said(`wrote ${options.output}: ${count(s.packets, "packet")}: ${s.conforming} conform, ${s.violating} violate, ${s.unchecked} unchecked, ${s.incomplete} incomplete\n`);
      // The packets `check` fails by default fail the report too.
      setExitCode(gate(s, DEFAULT_FAIL_ON).code);
    });
}
