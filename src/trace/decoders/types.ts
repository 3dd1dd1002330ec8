/**
 * What a node-family decoder is: the node names it owns and one rule per body line shape
 * it understands. Lines no rule claims fall to the generic `key value` decoder, so a
 * decoder only lists what it gives a typed meaning to.
 */
import type { SyntaxLine } from "../../../grammar/index.js";
import type { LineShape } from "../../../grammar/line-shape.js";
import type { FieldName, RecordFields, RecordKind } from "../../model/trace.js";

export interface LineContext {
  node: string;
  fields: RecordFields;
  line: SyntaxLine;
  /** Position of the line among the record's free-text lines (0 = first). */
  index: number;
  /** Name of the rule that claimed the previous free-text line, if any. */
  previous: string | undefined;
}

export interface LineRule {
  name: string;
  pattern: RegExp;
  /** The field its `apply` fills: a reader that needs no such field (`check` needs no
   *  `input`, `kv`…) has the line claimed — so a garbled one is still reported — but not
   *  applied. `null`: the line's fact is that it reads (a heading). */
  fills: FieldName | null;
  /** The line's shape, when the rule's line has a distinctive start (its lead): a line that
   *  starts so but does not read is reported as garbled, where reading stopped. `pattern`
   *  is then `shape.pattern`. */
  shape?: LineShape;
  apply(match: RegExpExecArray, ctx: LineContext): void;
  /** Only on the first free-text line of the record. */
  firstOnly?: boolean;
  /** Only right after a line claimed by the rule of this name (continuation lines). */
  after?: string;
}

export interface NodeDecoder {
  family: string;
  kind: RecordKind;
  /** Exact node names. */
  names?: string[];
  /** Node-name pattern, tried after every decoder's exact names. */
  pattern?: RegExp;
  rules: LineRule[];
  /** Rule that every record of this family must contain; its absence is a warning. */
  expected?: { rule: string; description: string };
}

/** A printed number, when a JavaScript number holds it exactly: a longer one is left out
 *  rather than rounded (the line's shapes bound their digits, so this is a last guard). */
export const num = (s: string | undefined): number | undefined => exact(s === undefined ? undefined : Number(s));
export const hexNum = (s: string | undefined): number | undefined => exact(s === undefined ? undefined : parseInt(s, 16));
const exact = (n: number | undefined): number | undefined => (n !== undefined && Number.isSafeInteger(n) ? n : undefined);

/** A rule read with a line shape: its pattern is the shape's. */
export function shaped(shape: LineShape, rule: Omit<LineRule, "pattern" | "shape">): LineRule {
  return { ...rule, pattern: shape.pattern, shape };
}
