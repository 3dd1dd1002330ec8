/** `vpptrace diff A B`: compare two traces packet by packet; exit 1 when they differ. */
import { Command, Option } from "commander";
import { DEFAULT_MASK, TraceDiffer, VOLATILE } from "../../diff/index.js";
import { DiffJsonWriter } from "../../report/diff-json.js";
import { DiffTextWriter } from "../../report/diff-text.js";
import { UsageError, type CliIo } from "../io.js";
import { coverageGate, worst } from "../gate.js";
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
  allowEmpty?: boolean;
  filter?: string;
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
    .addHelpText(
      "after",
      `\nMasked by default:\n${DEFAULT_MASK.map((m) => `  ${m.fields.join(", ")}: ${m.why}`).join("\n")}\n\nVolatile values, matched between A and B (one mapping per connection, used everywhere, hex dumps included):\n${VOLATILE.map((v) => `  ${v.fields.join(", ")}: ${v.why}`).join("\n")}\n\nExit codes: 0 identical or equivalent (same path, volatile values only), 1 different, or nothing compared (no pair of packets, a --max-* limit left input unread; --allow-empty accepts no pair), 2 usage error (an --ignore or --only name that matches no field) or unreadable input.`,
    )
    .action(async (a: string, b: string, options: DiffCliOptions) => {
      // A is held (as text, without raw lines: the diff compares fields); B streams past it,
      // each packet compared as soon as its partner in A is known and written in its turn.
      const write = (text: string): void => io.stdout(text);
      const writer = options.format === "json" ? new DiffJsonWriter(write) : new DiffTextWriter(write);
      const config = await readConfig(options.config, io);
      announceConfig(config, config === undefined ? [] : gateChanges(config, options, "diff"), false, io);
      const differ = new TraceDiffer(diffSettings(options, config), (diff) => writer.packet(diff));
      const readA = await streamPackets([a], io, { ...options, keepRaw: false }, (packets) => differ.addA(packets));
      const readB = await streamPackets([b], io, { ...options, keepRaw: false }, (packets) => differ.addB(packets));
      const summary = differ.finish();
      if (writer instanceof DiffJsonWriter) writer.end(differ.masked, summary);
      else writer.end(summary);
      const typos = differ.unusedFieldNames.filter((name) => options.ignore.includes(name) || options.only.includes(name));
      if (typos.length > 0) throw new UsageError(unknownFields(typos));
      const equal = summary.identical + summary.equivalent === summary.pairs && summary.onlyA === 0 && summary.onlyB === 0;
      const outcome = worst({ code: equal ? 0 : 1 }, coverageGate([readA, readB], options, summary.pairs, "pair of packets"));
      if (outcome.message !== undefined) io.stderr(`vpptrace: ${outcome.message}\n`);
      setExitCode(outcome.code);
    });
}

/** `--ignore tll`: one line naming each name that matched nothing. */
function unknownFields(names: string[]): string {
  return `--ignore/--only: ${names.map((n) => `'${n}'`).join(", ")} matched no field of either trace (a typo? \`vpptrace parse --format json\` shows the field names); nothing was left out for ${names.length === 1 ? "it" : "them"}`;
}
