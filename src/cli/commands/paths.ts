/** `vpptrace paths [files…]`: the unique node paths of the packets, with counts, threads and
 *  the first packet of each; with `--verdict` (or `--cluster`) every packet checked on the
 *  model and its verdicts counted per path. */
import { Command, Option } from "commander";
import { PathSummary } from "../../paths/index.js";
import { renderPathsText } from "../../report/paths-text.js";
import { Checker } from "../../rules/index.js";
import { readCluster } from "../cluster-option.js";
import { readStates, STATE_OPTION } from "../state-option.js";
import { UsageError, type CliIo } from "../io.js";
import { parseCount, parseSize, streamPackets } from "../inputs.js";

interface PathsOptions {
  format: "text" | "json";
  cluster?: string;
  verdict?: boolean;
  state: string[];
  quiet?: boolean;
  maxPackets?: number;
  maxBytes?: number;
}

export function pathsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("paths")
    .description("group the packets by their unique node path: count, threads, the first packet of each and, with --cluster, its verdict")
    .argument("[files...]", "trace files; `-` or none reads stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--verdict", "check every packet (on --cluster, --state, or Contiv's defaults) and count the verdicts of each path")
    .option("-c, --cluster <file>", "the cluster description the packets are checked on (implies --verdict)")
    .option(STATE_OPTION.flags, "the VPP state dump or capture file the packets are checked on (implies --verdict); repeat for several nodes", STATE_OPTION.collect, [])
    .option("-q, --quiet", "do not print parser warnings")
    .option("--max-packets <n>", "stop reading after this many packets", parseCount)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .action(async (files: string[], options: PathsOptions) => {
      const cluster = options.cluster === undefined ? undefined : await readCluster(options.cluster, io);
      const traces = files.filter((f) => f !== options.cluster);
      if (cluster !== undefined && options.state.length > 0) throw new UsageError("--cluster and --state name two descriptions of the network: give one");
      const states = await readStates(options.state, cluster === undefined ? traces : [], io, options.quiet);
      const checked = options.verdict === true || cluster !== undefined || states.plane !== undefined;
      const checker = checked ? new Checker({ cluster, plane: states.plane }) : undefined;
      const summary = new PathSummary(checker === undefined ? undefined : (packets) => checker.check(packets));
      await streamPackets(traces, io, { ...options, texts: states.texts }, (packets) => summary.add(packets));
      const result = summary.result();
      io.stdout(options.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderPathsText(result));
      setExitCode(0);
    });
}
