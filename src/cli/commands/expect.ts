/** `vpptrace expect --flow "tcp A:p -> B:q"`: the expected path of a packet, per node. */
import { Command, Option } from "commander";
import { defaultCluster } from "../../dataplanes/contiv/index.js";
import { expectPaths, FlowSyntaxError, parseFlow, PlacementError } from "../../forwarder/index.js";
import { parseEndpoint } from "../../forwarder/flow.js";
import type { Direction } from "../../model/expectation.js";
import { renderExpectText } from "../../report/expect-text.js";
import { readCluster } from "../cluster-option.js";
import { UsageError, type CliIo } from "../io.js";

interface ExpectOptions {
  cluster?: string;
  flow: string;
  direction: Direction;
  endpoint?: string;
  format: "text" | "json";
}

export function expectCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("expect")
    .description("print the path a packet should take through VPP on each node it crosses")
    .option("-c, --cluster <file>", "cluster description (YAML or JSON); Contiv's defaults when absent")
    .requiredOption("--flow <flow>", "the connection as the client opened it: 'tcp 10.1.1.3:49710 -> 10.97.193.160:80'")
    .addOption(new Option("-d, --direction <direction>", "which packet of the connection").choices(["request", "response"]).default("request"))
    .option("--endpoint <ip:port>", "the endpoint a service load-balanced to, when it has several")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (options: ExpectOptions) => {
      const cluster = (await readCluster(options.cluster, io)) ?? defaultCluster();
      try {
        const endpoint = options.endpoint === undefined ? undefined : parseEndpoint(options.endpoint);
        const expected = expectPaths(cluster, parseFlow(options.flow), options.direction, endpoint);
        io.stdout(options.format === "json" ? `${JSON.stringify(expected, null, 2)}\n` : renderExpectText(expected));
        setExitCode(0);
      } catch (error) {
        if (error instanceof FlowSyntaxError || error instanceof PlacementError) throw new UsageError(error.message);
        throw error;
      }
    });
}
