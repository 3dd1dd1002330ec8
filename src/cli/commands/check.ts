/** `vpptrace check [files…]`: run the rules over every packet; exit 1 on any error finding. */
import { Command, Option } from "commander";
import { allRules, checkPackets, UnknownRuleError } from "../../rules/index.js";
import { readCluster } from "../cluster-option.js";
import { renderCheckText } from "../../report/check-text.js";
import { renderJunit } from "../../report/junit.js";
import { renderTap } from "../../report/tap.js";
import { UsageError, type CliIo } from "../io.js";
import { parseInputs, readInputs, reportDiagnostics } from "../inputs.js";

interface CheckCliOptions {
  cluster?: string;
  format: "text" | "json" | "junit" | "tap";
  rule: string[];
  skip: string[];
  quiet?: boolean;
  verbose?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, ...value.split(",").filter(Boolean)];

export function checkCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("check")
    .description("check every packet against the invariant rules; exit 1 on a violation")
    .argument("[files...]", "trace files; `-` or none reads stdin")
    .option("-c, --cluster <file>", "cluster description (YAML or JSON) for the scenario rules; Contiv's defaults when absent")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "junit", "tap"]).default("text"))
    .option("--rule <id>", "run only this rule (repeatable, or comma-separated)", collect, [])
    .option("--skip <id>", "do not run this rule (repeatable, or comma-separated)", collect, [])
    .option("-q, --quiet", "do not print parser warnings")
    .option("-v, --verbose", "also print informational diagnostics")
    .addHelpText("after", `\nRules:\n${allRules.map((r) => `  ${r.meta.id.padEnd(16)} ${r.meta.description}`).join("\n")}\n\nExit codes: 0 all packets conform, 1 a rule found an error, 2 usage error or no trace in the input.`)
    .action(async (files: string[], options: CheckCliOptions) => {
      const cluster = await readCluster(options.cluster, io);
      const traces = (await readInputs(files, io)).filter((input) => input.file !== options.cluster);
      const { packets, diagnostics } = parseInputs(traces);
      reportDiagnostics(diagnostics, io, options);
      let result;
      try {
        result = checkPackets(packets, { only: options.rule, skip: options.skip, cluster });
      } catch (error) {
        if (error instanceof UnknownRuleError) throw new UsageError(error.message);
        throw error;
      }
      if (options.format === "json") io.stdout(`${JSON.stringify({ ...result, diagnostics }, null, 2)}\n`);
      else if (options.format === "junit") io.stdout(renderJunit(result));
      else if (options.format === "tap") io.stdout(renderTap(result));
      else io.stdout(renderCheckText(result));
      setExitCode(result.summary.errors > 0 ? 1 : 0);
    });
}
