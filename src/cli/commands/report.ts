/** `vpptrace report [files…] -o report.html` and `vpptrace report --diff A B -o diff.html`:
 *  a self-contained HTML page with the packets' paths drawn. */
import { Command } from "commander";
import { diffTraces } from "../../diff/index.js";
import { renderCheckReport, renderDiffReport } from "../../report/html/index.js";
import { readCluster } from "../cluster-option.js";
import { Checker } from "../../rules/index.js";
import { UsageError, type CliIo } from "../io.js";
import { readPackets } from "../inputs.js";

interface ReportOptions {
  cluster?: string;
  output: string;
  diff?: boolean;
  quiet?: boolean;
}

export function reportCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("report")
    .description("write a self-contained HTML report with each packet's path drawn (or, with --diff, two traces compared)")
    .argument("[files...]", "trace files; with --diff exactly two: A and B")
    .option("-c, --cluster <file>", "cluster description (YAML or JSON)")
    .option("--diff", "compare two traces instead of checking")
    .requiredOption("-o, --output <file>", "the HTML file to write")
    .option("-q, --quiet", "do not print parser warnings")
    .action(async (files: string[], options: ReportOptions) => {
      if (io.writeFile === undefined) throw new UsageError("cannot write files here");
      if (options.diff) {
        if (files.length !== 2) throw new UsageError("report --diff takes exactly two traces: A and B");
        const a = await readPackets([files[0]], io, options);
        const b = await readPackets([files[1]], io, options);
        const result = diffTraces(a, b);
        await io.writeFile(options.output, renderDiffReport(result, a, b));
        io.stdout(`wrote ${options.output}: ${result.summary.different + result.summary.onlyA + result.summary.onlyB} differing packets\n`);
        setExitCode(result.packets.every((p) => p.status === "identical") ? 0 : 1);
        return;
      }
      const cluster = await readCluster(options.cluster, io);
      const packets = await readPackets(files.filter((f) => f !== options.cluster), io, options);
      const checker = new Checker({ cluster });
      checker.learn(packets);
      const checked = checker.checkDetailed(packets);
      const { html, errors } = renderCheckReport(packets, checked, checker.result(checked.map((c) => c.result)));
      await io.writeFile(options.output, html);
      io.stdout(`wrote ${options.output}: ${packets.length} packets, ${errors} errors\n`);
      setExitCode(errors > 0 ? 1 : 0);
    });
}
