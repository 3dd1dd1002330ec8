/** Option parsers and options shared by the commands. */
import { Option, type Command } from "commander";

/** `--rule a,b --rule c` → ["a", "b", "c"]. */
export const commaList = (value: string, previous: string[]): string[] => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];

/** The commands that read traces through inputs.ts. */
const READS_TRACES = new Set(["parse", "check", "diff", "report"]);

/** Adds the options about inputs that every command reading traces has, in one place:
 *  `--allow-empty` (inputs.ts reads it as ReadOptions.allowEmpty, which each command's
 *  options reach it as). Other commands are returned as they are. */
export function withInputOptions(command: Command): Command {
  if (!READS_TRACES.has(command.name())) return command;
  return command.addOption(
    new Option("--allow-empty", "skip inputs that hold no trace (empty, a README, a capture, an empty directory) with a warning instead of failing with exit 2"),
  );
}
