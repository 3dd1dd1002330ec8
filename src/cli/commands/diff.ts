/** `vpptrace diff A B`: compare two traces packet by packet; exit 1 when they differ. */
import { Command, Option } from "commander";
import { DEFAULT_MASK, TraceDiffer } from "../../diff/index.js";
import { DiffJsonWriter } from "../../report/diff-json.js";
import { DiffTextWriter } from "../../report/diff-text.js";
import type { CliIo } from "../io.js";
import { commaList } from "../options.js";
import { streamPackets, parseCount, parseSize } from "../inputs.js";
import { announceConfig, diffSettings, gateChanges, readConfig } from "../config-option.js";

interface DiffCliOptions {
  format: "text" | "json";
  strict?: boolean;
  ignore: string[];
  only: string[];
  quiet?: boolean;
  maxPackets?: number;
  maxBytes?: number;
  config?: string | boolean;
}


export function diffCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("diff")
    .description("compare two traces packet by packet; exit 1 when they differ")
    .argument("<a>", "the first trace (e.g. before, or the golden file)")
    .argument("<b>", "the second trace")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--strict", "compare every field, masking nothing")
    .option("--ignore <fields>", "also leave these fields out (comma-separated, repeatable)", commaList, [])
    .option("--only <fields>", "compare only these fields (the node sequence is always compared)", commaList, [])
    .option("-q, --quiet", "do not print parser warnings")
    .option("--max-packets <n>", "stop reading after this many packets", parseCount)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .addHelpText("after", `\nMasked by default:\n${DEFAULT_MASK.map((m) => `  ${m.fields.join(", ")}: ${m.why}`).join("\n")}\n\nExit codes: 0 equivalent under the mask, 1 different, 2 usage error or unreadable input.`)
    .action(async (a: string, b: string, options: DiffCliOptions) => {
      // A is held (as text, without raw lines: the diff compares fields); B streams past it,
      // each packet compared as soon as its partner in A is known and written in its turn.
      const write = (text: string): void => io.stdout(text);
      const writer = options.format === "json" ? new DiffJsonWriter(write) : new DiffTextWriter(write);
      const config = await readConfig(options.config, io);
      announceConfig(config, config === undefined ? [] : gateChanges(config, options, "diff"), false, io);
      const differ = new TraceDiffer(diffSettings(options, config), (diff) => writer.packet(diff));
      await streamPackets([a], io, { ...options, keepRaw: false }, (packets) => differ.addA(packets));
      await streamPackets([b], io, { ...options, keepRaw: false }, (packets) => differ.addB(packets));
      const summary = differ.finish();
      if (writer instanceof DiffJsonWriter) writer.end(differ.masked, summary);
      else writer.end(summary);
      setExitCode(summary.identical === summary.pairs && summary.onlyA === 0 && summary.onlyB === 0 ? 0 : 1);
    });
}
