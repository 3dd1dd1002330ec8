/**
 * `check`'s exit code as a CI gate: 1 when a packet has a verdict `--fail-on` names (by
 * default `violates` and `incomplete`), and 1 too when no packet could be checked at all —
 * a gate that compared nothing with what VPP should do passes nothing — unless `--fail-on`
 * was given, which then says exactly what fails. Before any verdict, what the read covered
 * (`coverageGate`, for check, report and diff): a limit that left input unread fails, and so
 * does a run with no packet to compare (none selected by `--filter`, none in the input)
 * unless `--allow-empty` says that is expected.
 */
import type { CheckSummary, Verdict } from "../model/findings.js";
import { UsageError } from "./io.js";
import type { ReadCoverage } from "../input/index.js";

export const DEFAULT_FAIL_ON: Verdict[] = ["violates", "incomplete"];
const FAILABLE: Verdict[] = ["violates", "unchecked", "incomplete"];
const COUNT = { conforms: "conforming", violates: "violating", unchecked: "unchecked", incomplete: "incomplete" } as const;

/** `--fail-on violates,unchecked` → the verdicts; `none` fails on nothing. */
export function parseFailOn(value: string, previous: Verdict[] | undefined): Verdict[] {
  const words = value.split(",").map((w) => w.trim()).filter(Boolean);
  if (words.length === 1 && words[0] === "none") return [];
  for (const w of words) if (!FAILABLE.includes(w as Verdict)) throw new UsageError(`--fail-on: '${w}' is not a verdict; expected ${FAILABLE.join(", ")} or none`);
  return [...new Set([...(previous ?? []), ...(words as Verdict[])])];
}

export interface GateOutcome {
  code: 0 | 1;
  /** Why the gate failed when no finding says so. */
  message?: string;
}

/** How many packets have a verdict that fails the run. */
export function failingCount(summary: CheckSummary, failOn: Verdict[] = DEFAULT_FAIL_ON): number {
  return failOn.reduce((n, v) => n + summary[COUNT[v]], 0);
}

export function gate(summary: CheckSummary, failOn: Verdict[] | undefined): GateOutcome {
  const failing = (failOn ?? DEFAULT_FAIL_ON).filter((v) => summary[COUNT[v]] > 0);
  if (failing.length > 0) return { code: 1, message: failing.includes("violates") ? undefined : `failing on ${failing.map((v) => `${summary[COUNT[v]]} ${v}`).join(", ")} (--fail-on ${(failOn ?? DEFAULT_FAIL_ON).join(",")})` };
  if (failOn === undefined && summary.packets > 0 && summary.conforming + summary.violating === 0) {
    return { code: 1, message: `no packet could be checked against its expected path (${summary.unchecked} unchecked, ${summary.incomplete} incomplete): a run that checked nothing fails; --fail-on violates accepts it` };
  }
  return { code: 0 };
}

/** The limit options, by what stopped the read. */
const LIMIT = { bytes: "--max-bytes", packets: "--max-packets" } as const;

/**
 * Fails (1) a run whose read did not cover its input or selected nothing to compare; `what`
 * names what was compared (`packet`, `pair of packets`). Undefined: the verdicts decide.
 */
export function coverageGate(coverage: ReadCoverage[], options: { allowEmpty?: boolean; filter?: string }, compared = coverage.reduce((n, c) => n + c.selected, 0), what = "packet"): GateOutcome | undefined {
  const stop = coverage.find((c) => c.stop !== undefined)?.stop;
  if (stop !== undefined) return { code: 1, message: `${LIMIT[stop]} left input unread: a gate does not pass what it did not read; raise ${LIMIT[stop]} to read all of it` };
  if (compared > 0 || options.allowEmpty) return undefined;
  const why = options.filter !== undefined && coverage.some((c) => c.selected === 0) ? `--filter '${options.filter}' selected no packet` : `no ${what} to compare`;
  return { code: 1, message: `${why}: a run that compared nothing fails; --allow-empty accepts it` };
}

/** The failing outcome of two, the first when both fail. */
export function worst(a: GateOutcome, b: GateOutcome | undefined): GateOutcome {
  if (b === undefined) return a;
  if (a.code === 0) return b;
  const message = [a.message, b.message].filter(Boolean).join("; ");
  return message === "" ? { code: 1 } : { code: 1, message };
}
