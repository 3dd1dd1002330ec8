/**
 * `--filter EXPR` and `--no-join` as the commands that read traces apply them: the filter
 * compiled before anything is read (a syntax error is one line with its column, exit 2),
 * then applied to each batch of packets as it streams in. A filter that reads check results
 * (`verdict`, `rule`, `scenario`) has each packet checked first, on the `--cluster` given.
 */
import { compileFilter, FilterError, type PacketFilter } from "../filter/index.js";
import type { Packet } from "../model/trace.js";
import { allRules, Checker } from "../rules/index.js";
import { readCluster } from "./cluster-option.js";
import { UsageError, type CliIo } from "./io.js";

export interface FilterCliOptions {
  filter?: string;
  /** The cluster description's path (`--cluster`). */
  cluster?: string;
}

/** Keeps the packets of a batch that the filter selects. */
export type PacketSelector = (packets: Packet[]) => Packet[];

export function readFilter(text: string): PacketFilter {
  try {
    return compileFilter(text, { ruleIds: allRules.map((r) => r.meta.id) });
  } catch (error) {
    if (error instanceof FilterError) throw new UsageError(`--filter:1:${error.column}: error: ${error.message}`);
    throw error;
  }
}

/** The selector `--filter` asks for, or undefined without one. */
export async function packetSelector(options: FilterCliOptions, io: CliIo): Promise<PacketSelector | undefined> {
  if (options.filter === undefined) return undefined;
  const filter = readFilter(options.filter);
  if (!filter.needsCheck) return (packets) => packets.filter((p) => filter.matches(p));
  // Its own checker: the command's (check, report) counts only the packets selected.
  const checker = new Checker({ cluster: await readCluster(options.cluster, io) });
  return (packets) => {
    const results = checker.check(packets);
    return packets.filter((p, i) => filter.matches(p, results[i]));
  };
}
