/** `vpptrace parse [files…]`: print the typed packets as a table, JSON or NDJSON. */
import { Command, Option } from "commander";
import { renderPacketText } from "../../report/parse-text.js";
import type { CliIo } from "../io.js";
import { parseInputs, readInputs, reportDiagnostics } from "../inputs.js";

interface ParseOptions {
  format: "text" | "json" | "ndjson";
  quiet?: boolean;
  verbose?: boolean;
}

export function parseCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("parse")
    .description("parse `show trace` text into typed per-node records")
    .argument("[files...]", "trace files; `-` or none reads stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "ndjson"]).default("text"))
    .option("-q, --quiet", "do not print warnings")
    .option("-v, --verbose", "also print informational diagnostics")
    .action(async (files: string[], options: ParseOptions) => {
      const { packets, diagnostics } = parseInputs(await readInputs(files, io));
      reportDiagnostics(diagnostics, io, options);
      if (options.format === "json") io.stdout(`${JSON.stringify({ packets, diagnostics }, null, 2)}\n`);
      else if (options.format === "ndjson") for (const p of packets) io.stdout(`${JSON.stringify(p)}\n`);
      else io.stdout(packets.map(renderPacketText).join("\n"));
      setExitCode(0);
    });
}
