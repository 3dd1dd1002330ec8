/**
 * `check --format github|sarif`: the forms CI systems read. GitHub's also appends the
 * Markdown summary to the file `$GITHUB_STEP_SUMMARY` names, when the job sets it, so the
 * run's totals and findings show on the job's page beside the annotations.
 */
import type { CheckResult } from "../model/findings.js";
import { renderGithub, renderStepSummary } from "../report/github.js";
import { renderSarif } from "../report/sarif.js";
import type { RuleMeta } from "../rules/types.js";
import { UsageError, type CliIo } from "./io.js";
import { VERSION } from "./version.js";

export const CI_FORMATS = ["github", "sarif"] as const;
export type CiFormat = (typeof CI_FORMATS)[number];

export const isCiFormat = (format: string): format is CiFormat => (CI_FORMATS as readonly string[]).includes(format);

/** `failed`: the run fails the gate, which the summary's heading says. */
export async function writeCiOutput(format: CiFormat, result: CheckResult, rules: RuleMeta[], io: CliIo, failed: boolean): Promise<void> {
  if (format === "sarif") {
    io.stdout(renderSarif(result, rules, { name: "vpptrace", version: VERSION }));
    return;
  }
  io.stdout(renderGithub(result));
  const summary = io.env?.GITHUB_STEP_SUMMARY;
  if (summary === undefined || summary === "" || io.appendFile === undefined) return;
  // Named by the environment, not by the user: appended to only when it is a regular file
  // or missing (GitHub creates it; a FIFO there would block the run for ever).
  const info = await io.inspectPath?.(summary).catch(() => undefined);
  if (info !== undefined && info.kind !== "file" && info.kind !== "missing") {
    throw new UsageError(`cannot append the step summary to '${summary}' ($GITHUB_STEP_SUMMARY): it is ${info.kind === "directory" ? "a directory" : (info.what ?? "not a regular file")}, not a regular file`);
  }
  try {
    await io.appendFile(summary, renderStepSummary(result, failed));
  } catch (error) {
    throw new UsageError(`cannot append the step summary to '${summary}' ($GITHUB_STEP_SUMMARY): ${(error as Error).message}`);
  }
}
