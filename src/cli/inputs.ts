/**
 * Reading the traces named on the command line: files, `-` for stdin, stdin when none.
 * Parsing them all numbers packets across inputs, and turns an unreadable file or an
 * input with no trace into a UsageError that names file:line:column.
 */
import type { Diagnostic, Packet } from "../model/trace.js";
import { parseTrace } from "../trace/index.js";
import { UsageError, type CliIo } from "./io.js";

export interface TraceInput {
  file: string;
  text: string;
}

export async function readInputs(files: string[], io: CliIo): Promise<TraceInput[]> {
  const names = files.length === 0 ? ["-"] : files;
  const inputs: TraceInput[] = [];
  for (const file of names) {
    try {
      inputs.push({ file, text: file === "-" ? await io.readStdin() : await io.readFile(file) });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
      throw new UsageError(`${file}:1:1: error: cannot read input: ${reason}`);
    }
  }
  return inputs;
}

export interface ParsedInputs {
  packets: Packet[];
  diagnostics: Diagnostic[];
}

/**
 * Parse every input. With several inputs (`check samples/*`), one that holds no trace at
 * all — a README beside the captures — is skipped with a warning; the command fails only
 * when no input holds a trace.
 */
export function parseInputs(inputs: TraceInput[]): ParsedInputs {
  const packets: Packet[] = [];
  const diagnostics: Diagnostic[] = [];
  const rejected: Diagnostic[] = [];
  for (const input of inputs) {
    const parsed = parseTrace(input.text, { file: input.file, firstIndex: packets.length + 1 });
    const error = parsed.diagnostics.find((d) => d.severity === "error");
    if (error !== undefined && inputs.length > 1) {
      rejected.push(error);
      continue;
    }
    packets.push(...parsed.packets);
    diagnostics.push(...parsed.diagnostics);
  }
  if (rejected.length === inputs.length && inputs.length > 1) diagnostics.push(rejected[0]);
  else for (const d of rejected) diagnostics.push({ ...d, severity: "warning", message: `input skipped: ${d.message}` });
  return { packets, diagnostics };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** Print warnings (and infos when verbose); an error diagnostic stops the command with exit 2. */
export function reportDiagnostics(diagnostics: Diagnostic[], io: CliIo, options: { quiet?: boolean; verbose?: boolean }): void {
  const firstError = diagnostics.find((d) => d.severity === "error");
  if (firstError !== undefined) throw new UsageError(formatDiagnostic(firstError));
  if (options.quiet) return;
  for (const d of diagnostics) {
    if (d.severity === "warning" || options.verbose) io.stderr(`${formatDiagnostic(d)}\n`);
  }
}
