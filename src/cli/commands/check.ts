/**
 * `vpptrace check [files…]`: run the rules over every packet as the input streams in; exit 1
 * on any error finding. Text and TAP are written as packets are checked; JSON and JUnit, which
 * carry totals up front, are written at the end from the (small) per-packet results.
 */
import { Command, Option } from "commander";
import type { PacketResult, Verdict } from "../../model/findings.js";
import type { Diagnostic } from "../../model/trace.js";
import { allRules, Checker, UnknownRuleError } from "../../rules/index.js";
import { findingLine, renderCheckText, TABLE_ROWS, verdictWithFindings } from "../../report/check-text.js";
import { renderJunit } from "../../report/junit.js";
import { renderTap, renderTapPoints } from "../../report/tap.js";
import { readCluster } from "../cluster-option.js";
import { readStates, STATE_OPTION, type States } from "../state-option.js";
import { UsageError, type CliIo } from "../io.js";
import { commaList } from "../options.js";
import { streamPackets, parseCount, parseSize } from "../inputs.js";
import type { ReadCoverage } from "../../input/index.js";
import { Progress } from "../progress.js";
import { coverageGate, gate, parseFailOn, worst } from "../gate.js";
import { CI_FORMATS, isCiFormat, writeCiOutput, type CiFormat } from "../ci-output.js";
import { announceConfig, checkSettings, gateChanges, readConfig, type CheckSettings } from "../config-option.js";
import { textStyle } from "../colour.js";

interface CheckCliOptions {
  cluster?: string;
  state: string[];
  format: "text" | "json" | "junit" | "tap" | CiFormat;
  config?: string | boolean;
  color?: boolean;
  rule: string[];
  skip: string[];
  quiet?: boolean;
  verbose?: boolean;
  maxPackets?: number;
  maxBytes?: number;
  failOn?: Verdict[];
  oneCapture?: boolean;
  allowEmpty?: boolean;
  filter?: string;
}


function makeChecker(options: CheckCliOptions & CheckSettings, cluster: Awaited<ReturnType<typeof readCluster>>, plane: States["plane"]): Checker {
  // Text and TAP write each packet's findings as it is checked; the result keeps only what
  // the closing table shows, so memory does not grow with the input.
  const streamed = options.format === "text" || options.format === "tap";
  try {
    return new Checker({ only: options.rule, skip: options.skip, severities: options.severities, cluster, plane, oneCapture: options.oneCapture, maxFindings: streamed ? TABLE_ROWS : undefined });
  } catch (error) {
    if (error instanceof UnknownRuleError) throw new UsageError(error.message);
    throw error;
  }
}

export function checkCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("check")
    .description("check every packet against the invariant rules and the path the cluster's configuration gives it; exit 1 on a violation")
    .argument("[files...]", "trace files; `-` or none reads stdin")
    .option("-c, --cluster <file>", "cluster description (YAML or JSON) whose configuration the packets are walked through; Contiv's defaults when absent")
    .option(STATE_OPTION.flags, STATE_OPTION.description, STATE_OPTION.collect, [])
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "junit", "tap", ...CI_FORMATS]).default("text"))
    .option("--rule <id>", "run only this rule (repeatable, or comma-separated)", commaList, [])
    .option("--skip <id>", "do not run this rule (repeatable, or comma-separated)", commaList, [])
    .option("-q, --quiet", "print neither parser warnings nor progress")
    .option("-v, --verbose", "also print informational diagnostics")
    .option("--max-packets <n>", "stop reading after this many packets", parseCount)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .option("--one-capture", "the trace files are one capture for connection state (ACL and NAT sessions); by default each file is its own, unless it adds only other nodes' packets (config key oneCapture)")
    .option("--fail-on <verdicts>", "verdicts that fail the run: violates, unchecked, incomplete (comma-separated), or none; default violates,incomplete", parseFailOn)
    .addHelpText(
      "after",
      `\nRules:\n${allRules.map((r) => `  ${r.meta.id.padEnd(16)} ${r.meta.description}`).join("\n")}\n\nVerdicts: conforms, violates (a rule found an error), unchecked (no expected path could be placed: the reason is given), incomplete (lines that could not be read).\n\nExit codes: 0 no packet has a verdict --fail-on names, 1 one has (or, without --fail-on, no packet could be checked at all), 2 usage error or no trace in the input.`,
    )
    .action(async (files: string[], cli: CheckCliOptions) => {
      const config = await readConfig(cli.config, io);
      announceConfig(config, config === undefined ? [] : gateChanges(config, cli, "check"), cli.verbose, io);
      const options = { ...cli, ...checkSettings(cli, config) };
      const cluster = await readCluster(options.cluster, io);
      const traces = files.filter((f) => f !== options.cluster);
      if (cluster !== undefined && options.state.length > 0) throw new UsageError("--cluster and --state name two descriptions of the network: give one");
      const states = await readStates(options.state, cluster === undefined ? traces : [], io, options.quiet);
      const checker = makeChecker(options, cluster, states.plane);
      const progress = await Progress.for(io, traces, options.quiet);
      const style = textStyle(options.color, io);
      const results: PacketResult[] = [];
      const diagnostics: Diagnostic[] = [];
      let tapPoint = 0;
      let coverage: ReadCoverage = { stop: undefined, selected: 0 };
      const onPackets = (packets: Parameters<Checker["check"]>[0]): void => {
        const checked = checker.check(packets);
        progress.advance(0, packets.length);
        // Text and TAP write verdicts now; JSON, JUnit, GitHub and SARIF need every result at the end.
        if (options.format === "json" || options.format === "junit" || isCiFormat(options.format)) results.push(...checked);
        if (options.format === "tap") {
          io.stdout(renderTapPoints(checked, checker.rules.map((r) => r.meta.id), tapPoint, checker.expectationRuleIds));
          tapPoint += checked.length * checker.rules.length;
        } else if (options.format === "text") io.stdout(checked.map((r) => verdictWithFindings(r, style)).join(""));
      };
      try {
        // Only the record fields the checker reads are decoded.
        coverage = await streamPackets(traces, io, { ...options, progress, diagnostics, fields: checker.fieldsRead, texts: states.texts }, onPackets);
      } finally {
        progress.done();
      }
      const late = [...checker.lateFindings];
      const result = checker.result(results);
      const outcome = worst(gate(result.summary, options.failOn), coverageGate([coverage], options));
      if (options.format === "json") io.stdout(`${JSON.stringify({ ...result, diagnostics }, null, 2)}\n`);
      else if (options.format === "junit") io.stdout(renderJunit(result));
      else if (isCiFormat(options.format)) await writeCiOutput(options.format, result, checker.rules.map((r) => r.meta), io, outcome.code === 1);
      // A cross-node finding about a packet whose test point is already out: a TAP comment.
      else if (options.format === "tap") io.stdout(`${late.map((f) => `# ${findingLine(f)}\n`).join("")}${renderTap(result, tapPoint)}`);
      else io.stdout(renderCheckText(result, { late }, style));
      for (const notice of checker.evictions) io.stderr(`vpptrace: warning: ${notice}\n`);
      if (outcome.message !== undefined) io.stderr(`vpptrace: ${outcome.message}\n`);
      setExitCode(outcome.code);
    });
}
