/** `--cluster FILE`: load and validate the cluster description, or fail with every problem. */
import type { Cluster } from "../dataplanes/contiv/cluster.js";
import { ClusterError, loadCluster } from "../dataplanes/contiv/index.js";
import { UsageError, type CliIo } from "./io.js";

export async function readCluster(file: string | undefined, io: CliIo): Promise<Cluster | undefined> {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error) {
    throw new UsageError(`${file}:1:1: error: cannot read the cluster description: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  try {
    return loadCluster(text, file);
  } catch (error) {
    if (error instanceof ClusterError) throw new UsageError(`invalid cluster description:\n  ${error.problems.join("\n  ")}`);
    throw error;
  }
}
