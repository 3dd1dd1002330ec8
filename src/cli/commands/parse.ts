/** `vpptrace parse [files…]`: print the typed packets as a table, JSON or NDJSON.
 *  Text and NDJSON are written packet by packet as the input streams in. */
import { Command, Option } from "commander";
import type { Diagnostic, Packet } from "../../model/trace.js";
import { renderDot, renderMermaid } from "../../report/graph-text.js";
import { renderPacketText } from "../../report/parse-text.js";
import type { CliIo } from "../io.js";
import { streamPackets, parseCount, parseSize } from "../inputs.js";
import { Progress } from "../progress.js";

interface ParseOptions {
  format: "text" | "json" | "ndjson" | "dot" | "mermaid";
  quiet?: boolean;
  verbose?: boolean;
  maxPackets?: number;
  maxBytes?: number;
}

export function parseCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("parse")
    .description("parse `show trace` text into typed per-node records")
    .argument("[files...]", "trace files; `-` or none reads stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json", "ndjson", "dot", "mermaid"]).default("text"))
    .option("-q, --quiet", "print neither warnings nor progress")
    .option("-v, --verbose", "also print informational diagnostics")
    .option("--max-packets <n>", "stop reading after this many packets", parseCount)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .action(async (files: string[], options: ParseOptions) => {
      const progress = await Progress.for(io, files, options.quiet);
      const kept: Packet[] = [];
      const diagnostics: Diagnostic[] = [];
      const write = (packets: Packet[]): void => {
        progress.advance(0, packets.length);
        if (options.format === "json" || options.format === "dot" || options.format === "mermaid") kept.push(...packets);
        else if (options.format === "ndjson") io.stdout(packets.map((p) => `${JSON.stringify(p)}\n`).join(""));
        else io.stdout(packets.map((p) => `${renderPacketText(p)}\n`).join(""));
      };
      try {
        await streamPackets(files, io, { ...options, progress, diagnostics }, write);
      } finally {
        progress.done();
      }
      if (options.format === "json") io.stdout(`${JSON.stringify({ packets: kept, diagnostics }, null, 2)}\n`);
      else if (options.format === "dot") io.stdout(renderDot(kept));
      else if (options.format === "mermaid") io.stdout(renderMermaid(kept));
      setExitCode(0);
    });
}
