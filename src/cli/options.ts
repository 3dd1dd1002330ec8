/** Option parsers and options shared by the commands. */
import { Option, type Command } from "commander";

/** `--rule a,b --rule c` → ["a", "b", "c"]. */
export const commaList = (value: string, previous: string[]): string[] => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];

/** The commands that read traces through inputs.ts. */
const READS_TRACES = new Set(["parse", "check", "diff", "report", "paths", "pcap"]);

/** Adds the options about inputs that every command reading traces has, in one place:
 *  `--allow-empty`, `--filter`, `--no-join` (inputs.ts reads them as ReadOptions, which each
 *  command's options reach it as). Other commands are returned as they are. */
export function withInputOptions(command: Command): Command {
  if (!READS_TRACES.has(command.name())) return command;
  command
    .addOption(new Option("--allow-empty", "skip inputs that hold no trace (empty, a README, a capture, an empty directory) with a warning instead of failing with exit 2"))
    .addOption(new Option("--filter <expr>", "only the packets this pcap-filter style expression selects, e.g. 'dst host 10.1.1.5 and port 8080', 'node nat44-* and not verdict conforms' (see README)"))
    .addOption(new Option("--no-join", "keep the two halves of a packet handed to another worker apart (joined into one packet by default)"));
  // `verdict`, `rule` and `scenario` in a filter check the packets: on this cluster.
  if (!command.options.some((o) => o.long === "--cluster")) command.addOption(new Option("-c, --cluster <file>", "cluster description for the filter's verdict, rule and scenario terms"));
  return command;
}
