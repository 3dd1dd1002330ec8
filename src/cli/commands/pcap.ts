/** `vpptrace pcap [files…] -o out.pcapng`: the packets' hex dumps as a capture Wireshark opens. */
import { Command } from "commander";
import { PcapBuilder } from "../../pcap/index.js";
import { UsageError, type CliIo } from "../io.js";
import { inputNames, parseCount, parseSize, streamPackets } from "../inputs.js";
import { checkOutputPath, STDOUT } from "../output-option.js";

interface PcapOptions {
  output: string;
  quiet?: boolean;
  maxPackets?: number;
  maxBytes?: number;
}

const APPLICATION = "vpptrace (from VPP show trace hex dumps)";

export function pcapCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("pcap")
    .description("write the packets' hex dumps (ip4-rewrite and output nodes, dpdk `Packet Dump`) as a pcapng capture, one interface per VPP interface")
    .argument("[files...]", "trace files; `-` or none reads stdin")
    .requiredOption("-o, --output <file>", "the pcapng file to write")
    .option("-q, --quiet", "do not print parser warnings")
    .option("--max-packets <n>", "stop reading after this many packets", parseCount)
    .option("--max-bytes <size>", "stop reading after this much input (e.g. 500MB)", parseSize)
    .addHelpText("after", "\nEach packet record carries a comment naming the packet, the graph node and file:line of its dump.\n\nExit codes: 0 written, 2 usage error, unreadable input, or the capture cannot be written.")
    .action(async (files: string[], options: PcapOptions) => {
      if (options.output === STDOUT) throw new UsageError("pcap writes a binary file: give its name with -o");
      await checkOutputPath(options.output, inputNames(files).map((f) => [f, "the trace"]), io);
      const capture = new PcapBuilder(APPLICATION);
      let packets = 0;
      await streamPackets(files, io, options, (batch) => {
        packets += batch.length;
        capture.add(batch);
      });
      if (io.writeBytes === undefined) throw new UsageError("cannot write files here");
      try {
        await io.writeBytes(options.output, capture.bytes());
      } catch (error) {
        throw new UsageError(`cannot write the capture to '${options.output}': ${(error as Error).message}`);
      }
      if (capture.count === 0) io.stderr(`vpptrace: none of the ${packets} packets printed a hex dump (ip4-rewrite, an output node, or dpdk's Packet Dump of a verbose capture): ${options.output} holds no packet\n`);
      io.stdout(`wrote ${options.output}: ${capture.count} packet records on ${capture.interfaceCount} interfaces, from ${packets} traced packets\n`);
      setExitCode(0);
    });
}
