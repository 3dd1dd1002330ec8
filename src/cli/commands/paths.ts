/** `vpptrace paths [files…]`: the unique node paths of the packets, with counts, threads and
 *  the first packet of each (checked on --cluster when one is given). */
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
    .option("-c, --cluster <file>", "check the first packet of each path on this cluster description and show its verdict")
    .option(STATE_OPTION.flags, "check the first packet of each path on this VPP state dump or capture file and show its verdict; repeat for several nodes", STATE_OPTION.collect, [])
    .option("-q, --quiet", "do not print parser warnings")
    .option("--max-packets <n>", "stop reading after this many packets", parseCount)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .action(async (files: string[], options: PathsOptions) => {
      const cluster = options.cluster === undefined ? undefined : await readCluster(options.cluster, io);
      const traces = files.filter((f) => f !== options.cluster);
      if (cluster !== undefined && options.state.length > 0) throw new UsageError("--cluster and --state name two descriptions of the network: give one");
      const states = await readStates(options.state, cluster === undefined ? traces : [], io, options.quiet);
      const checker = cluster === undefined && states.plane === undefined ? undefined : new Checker({ cluster, plane: states.plane });
      const summary = new PathSummary(checker === undefined ? undefined : (packet) => checker.check([packet])[0]);
      await streamPackets(traces, io, { ...options, texts: states.texts }, (packets) => summary.add(packets));
      const result = summary.result();
      io.stdout(options.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderPathsText(result));
      setExitCode(0);
    });
}
