/** `vpptrace expect --flow "tcp A:p -> B:q"`: the path a packet of that connection should
 *  take through VPP on each node, walked on the cluster's configuration. */
import { Command, Option } from "commander";
import { defaultCluster } from "../../dataplanes/contiv/defaults.js";
import { ContivDataPlane } from "../../dataplanes/contiv/plane.js";
import { expectPaths, FlowSyntaxError, ForwardingLoopError, NotModelledError, parseEndpoint, parseFlow, PlacementError, UnknownChoiceError } from "../../forwarder/index.js";
import type { Direction, Phase } from "../../model/expectation.js";
import { renderExpectText } from "../../report/expect-text.js";
import { readCluster } from "../cluster-option.js";
import { readStates, STATE_OPTION } from "../state-option.js";
import { UsageError, type CliIo } from "../io.js";

interface ExpectOptions {
  cluster?: string;
  state: string[];
  flow: string;
  direction: Direction;
  phase?: Phase;
  endpoint?: string;
  ttl?: number;
  explain?: boolean;
  format: "text" | "json";
}

function parseTtl(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 255) throw new UsageError(`'${text}' is not a TTL: expected 1 to 255`);
  return Number(text);
}

export function expectCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("expect")
    .description("walk a packet through the cluster's VPP configuration and print the path it should take on each node")
    .option("-c, --cluster <file>", "cluster description (YAML or JSON); Contiv's defaults when absent")
    .option(STATE_OPTION.flags, STATE_OPTION.description, STATE_OPTION.collect, [])
    .requiredOption("--flow <flow>", "the connection as the client opened it: 'tcp 10.1.1.3:49710 -> 10.97.193.160:80'")
    .addOption(new Option("-d, --direction <direction>", "which packet of the connection").choices(["request", "response"]).default("request"))
    .addOption(new Option("--phase <phase>", "where in the connection: its first packet or reply (default), or established (after the handshake)").choices(["open", "reply", "established", "unknown"]))
    .option("--endpoint <ip:port>", "the endpoint a service load-balanced to, when it has several")
    .option("--ttl <n>", "the TTL the packet entered with, to print absolute TTLs", parseTtl)
    .option("--explain", "print under each hop the configuration that makes VPP do it")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .addHelpText("after", "\nExit codes: 0 the path was walked, 2 usage error or a flow the cluster description cannot place (the message says what is missing).")
    .action(async (options: ExpectOptions) => {
      if (options.cluster !== undefined && options.state.length > 0) throw new UsageError("--cluster and --state name two descriptions of the network: give one");
      const plane = (await readStates(options.state, [], io)).plane ?? new ContivDataPlane((await readCluster(options.cluster, io)) ?? defaultCluster());
      try {
        const endpoint = options.endpoint === undefined ? undefined : parseEndpoint(options.endpoint);
        const expected = expectPaths(plane, parseFlow(options.flow), { direction: options.direction, phase: options.phase, endpoint, ttl: options.ttl, strictEndpoint: true });
        io.stdout(options.format === "json" ? `${JSON.stringify(expected, null, 2)}\n` : renderExpectText(expected, { explain: options.explain }));
        setExitCode(0);
      } catch (error) {
        if (error instanceof FlowSyntaxError || error instanceof PlacementError || error instanceof UnknownChoiceError || error instanceof NotModelledError || error instanceof ForwardingLoopError) throw new UsageError(error.message);
        throw error;
      }
    });
}
