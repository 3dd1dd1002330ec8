/**
 * `-o FILE`: checked before any work starts, so that a report that cannot be written fails
 * at once (exit 2, one line) rather than after all the reading and checking, and never
 * overwrites one of its own inputs. `-o -` is standard output.
 */
import { dirname } from "node:path";
import { UsageError, type CliIo } from "./io.js";

export const STDOUT = "-";

/** The inputs the output must not be, with what each is ("the trace", "the cluster file"). */
export type NamedInputs = [path: string, what: string][];

export async function checkOutputPath(output: string, inputs: NamedInputs, io: CliIo): Promise<void> {
  if (output === "") throw new UsageError("-o needs a file name, or - for standard output");
  if (output === STDOUT || io.inspectPath === undefined) return;
  const cannot = (why: string): UsageError => new UsageError(`cannot write the report to '${output}': ${why}`);
  const target = await io.inspectPath(output).catch((error: Error) => {
    throw cannot(error.message);
  });
  if (target.kind === "directory") throw cannot("it is a directory");
  if (target.kind === "missing") {
    const parent = dirname(output);
    const folder = await io.inspectPath(parent);
    if (folder.kind === "missing") throw cannot(`there is no directory '${parent}'`);
    if (folder.kind !== "directory") throw cannot(`'${parent}' is not a directory`);
    if (!folder.writable) throw cannot(`permission denied in '${parent}'`);
    return;
  }
  // Compared by device and inode: a symlink, a hard link or `./in.txt` is still the input.
  for (const [path, what] of inputs) {
    if (path === STDOUT) continue;
    const input = await io.inspectPath(path).catch(() => undefined);
    if (input?.id !== undefined && input.id === target.id && target.kind === "file") throw cannot(`it is ${what} '${path}'; refusing to overwrite an input`);
  }
  if (!target.writable) throw cannot("permission denied");
}

/** Write the report where `-o` says; an I/O failure (a full disk) is one line, exit 2. */
export async function writeOutput(output: string, text: string, io: CliIo): Promise<void> {
  if (output === STDOUT) {
    io.stdout(text);
    return;
  }
  if (io.writeFile === undefined) throw new UsageError("cannot write files here");
  try {
    await io.writeFile(output, text);
  } catch (error) {
    throw new UsageError(`cannot write the report to '${output}': ${(error as Error).message}`);
  }
}
