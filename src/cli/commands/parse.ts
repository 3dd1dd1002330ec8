/** `vpptrace parse [files…]`: print the typed packets as a table, JSON or NDJSON.
 *  Text and NDJSON are written packet by packet as the input streams in. */
import { Command, Option } from "commander";
import type { Diagnostic, Packet } from "../../model/trace.js";
import { renderDot, renderMermaid } from "../../report/graph-text.js";
import { ParseJsonWriter } from "../../report/parse-json.js";
import type { CliIo } from "../io.js";
import { diagnosticShower, expandInputs, streamPackets, parseCount, parseSize } from "../inputs.js";
import { defaultJobs, parallelInputs, parseInWorkers, parseJobs } from "../jobs.js";
import { packetOutput } from "../packet-output.js";
import { Progress } from "../progress.js";

interface ParseOptions {
  format: "text" | "json" | "ndjson" | "dot" | "mermaid";
  quiet?: boolean;
  verbose?: boolean;
  maxPackets?: number;
  maxBytes?: number;
  allowEmpty?: boolean;
  filter?: string;
  join?: boolean;
  jobs: number;
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
    .option("-j, --jobs <n>", "parse this many files at once on worker threads (ndjson and text formats, several files of 4 MB or more in all)", parseJobs, defaultJobs())
    .action(async (files: string[], options: ParseOptions) => {
      const names = await expandInputs(files, io, options, diagnosticShower(io, options));
      const progress = await Progress.for(io, names, options.quiet);
      const streamed = options.format === "ndjson" || options.format === "text" ? options.format : undefined;
      // Workers parse each file alone and render it as it is: the filter and --no-join read the serial way.
      const limited = options.maxPackets !== undefined || options.maxBytes !== undefined || options.filter !== undefined || options.join === false;
      const paths = streamed === undefined || limited ? undefined : await parallelInputs(names, options.jobs, io);
      if (streamed !== undefined && paths !== undefined) {
        try {
          await parseInWorkers(names, paths, options.jobs, streamed, io, diagnosticShower(io, options), progress, options.allowEmpty);
        } finally {
          progress.done();
        }
        setExitCode(0);
        return;
      }
      const kept: Packet[] = [];
      const diagnostics: Diagnostic[] = [];
      const json = new ParseJsonWriter((text) => io.stdout(text));
      const write = (packets: Packet[]): void => {
        progress.advance(0, packets.length);
        if (options.format === "json") json.packets(packets);
        else if (options.format === "dot" || options.format === "mermaid") kept.push(...packets);
        // One write per packet: joining a batch's texts first costs more than the writes.
        else if (streamed !== undefined) for (const p of packets) io.stdout(packetOutput(streamed, p));
      };
      try {
        await streamPackets(names, io, { ...options, progress, diagnostics }, write);
      } finally {
        progress.done();
      }
      if (options.format === "json") json.end(diagnostics);
      else if (options.format === "dot") io.stdout(renderDot(kept));
      else if (options.format === "mermaid") io.stdout(renderMermaid(kept));
      setExitCode(0);
    });
}
