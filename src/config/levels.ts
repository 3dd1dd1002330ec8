/** A rule's level in a configuration file, and the severity it gives the rule's findings:
 *  apart from load.ts, so that applying a configuration does not load YAML and ajv. */
import type { Severity } from "../model/trace.js";

export type RuleLevel = "off" | "warn" | "error";

/** The severity a configured level gives a rule's findings (`off` rules do not run). */
export const levelSeverity = (level: RuleLevel): Severity | undefined => (level === "warn" ? "warning" : level === "error" ? "error" : undefined);
