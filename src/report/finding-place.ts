/** Where every output form points a finding: at the value's own line and column when the
 *  rule knew them (the TTL on its `tos …` line), else at the start of the record's header. */
import type { Finding, Position } from "../model/findings.js";

export const findingPlace = (f: Finding): Position => f.at ?? { line: f.line, column: 1 };
