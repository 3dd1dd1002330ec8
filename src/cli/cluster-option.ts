/** `--cluster FILE`: load and validate the cluster description, or fail with every problem
 *  (the first 20): one problem is one line, several a heading and one line each. */
import type { Cluster } from "../dataplanes/contiv/cluster.js";
import { ClusterError, MAX_CLUSTER_BYTES, tooLarge } from "../dataplanes/contiv/errors.js";
import { UsageError, type CliIo } from "./io.js";
import { ioReason } from "../input/errors.js";

const cannotRead = (file: string, error: unknown): UsageError => new UsageError(`${file}:1:1: error: cannot read the cluster description: ${ioReason(error)}`);

export async function readCluster(file: string | undefined, io: CliIo): Promise<Cluster | undefined> {
  if (file === undefined) return undefined;
  // The size is checked before reading: a 100 MB file is refused without being read.
  const size = await io.sizeOf?.(file).catch(() => undefined);
  if (size !== undefined && size > MAX_CLUSTER_BYTES) throw new UsageError(`invalid cluster description: ${tooLarge(file, size)}`);
  let text: string;
  try {
    text = await io.readFile(file, MAX_CLUSTER_BYTES);
  } catch (error) {
    throw cannotRead(file, error);
  }
  // YAML and the schema's validator load only when a file is given.
  const { loadCluster } = await import("../dataplanes/contiv/load.js");
  try {
    return loadCluster(text, file);
  } catch (error) {
    if (!(error instanceof ClusterError)) throw error;
    const [first, ...others] = error.problems;
    throw new UsageError(others.length === 0 ? `invalid cluster description: ${first}` : `invalid cluster description:\n  ${error.problems.join("\n  ")}`);
  }
}
