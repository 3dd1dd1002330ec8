/**
 * A line shape written as its parts in order — each a piece of regular expression, word
 * aligned — so that one definition gives both the pattern that reads the line and, for a
 * line that does not read, where reading stopped and what was expected there: `tos 0x00, tl
 * 64, …` stops at `tl`, which should have been `ttl N`. The first part is the shape's lead: a
 * line that starts with it is meant to be of the shape (a line of VPP output that starts
 * `tos 0x` is an IPv4 header line), so one that then fails is a garbled line, not another
 * kind of line.
 *
 * Every part is matched with the sticky flag at the position the previous part reached, once:
 * reading a line costs time linear in it, whatever the line.
 */

export interface LineStop {
  /** Offset in the line where reading stopped. */
  offset: number;
  /** What was expected there, in words (`'ttl N'`). */
  expected: string;
}

/** One part: the regular expression source, and what it expects in words when the source's
 *  own spelling says it badly (by default the source with its groups as placeholders). */
export type Part = string | [source: string, expected: string];

export class LineShape {
  /** The whole line, anchored: `^part1part2…$`. */
  readonly pattern: RegExp;
  /** The first part alone, anchored at the line start. */
  readonly lead: RegExp;
  /** The parts, each compiled on the first stop(): only a garbled line needs them, and
   *  compiling every shape's parts at start-up cost more than the rest of a short run. */
  private partsBuilt: { sticky: RegExp; expected: string; optional: boolean }[] | undefined;
  private readonly partSpecs: Part[];
  private readonly leadSticky: RegExp;

  /** The parts' sources joined: the line without anchors, for the lexer's tokens. */
  readonly source: string;
  /** How many capture groups the pattern has. */
  readonly groups: number;
  /** What may continue a line that reads to its last part but goes on. */
  private readonly end: string;

  constructor(
    /** What the line is, in words (`IPv4 header line`). */
    readonly name: string,
    parts: Part[],
    options: { lead?: string; end?: string } = {},
  ) {
    const sources = parts.map((p) => (typeof p === "string" ? p : p[0]));
    this.source = sources.join("");
    this.pattern = new RegExp(`^${this.source}$`);
    this.groups = captureGroups(this.source);
    this.lead = new RegExp(`^(?:${options.lead ?? sources[0]})`);
    this.leadSticky = new RegExp(options.lead ?? sources[0], "y");
    this.end = options.end ?? "the end of the line";
    this.partSpecs = parts;
  }

  private get parts(): { sticky: RegExp; expected: string; optional: boolean }[] {
    return (this.partsBuilt ??= this.partSpecs.map((p) => {
      const source = typeof p === "string" ? p : p[0];
      return { sticky: new RegExp(source, "y"), expected: typeof p === "string" ? describe(p) : p[1], optional: new RegExp(`^(?:${source})$`).test("") };
    }));
  }

  /** Whether `text` starts as this shape's lines do (at `at`). */
  leads(text: string, at = 0): boolean {
    this.leadSticky.lastIndex = at;
    return this.leadSticky.test(text);
  }

  /** Where reading `text` as this shape stops, or null when it reads to the end. An
   *  optional part that was not there is named among what could have come instead. */
  stop(text: string): LineStop | null {
    let at = 0;
    let skipped: string[] = [];
    for (const part of this.parts) {
      part.sticky.lastIndex = at;
      const match = part.sticky.exec(text);
      if (match === null) return { offset: at, expected: [...skipped, part.expected].join(" or ") };
      skipped = part.sticky.lastIndex === at && part.optional ? [...skipped, part.expected] : [];
      at = part.sticky.lastIndex;
    }
    return at === text.length ? null : { offset: at, expected: [...skipped, this.end].join(" or ") };
  }
}

/** How many capture groups a pattern source has, read from its text: running the pattern to
 *  find out compiles it, which for every shape at start-up cost more than a short run.
 *  A `(` counts unless escaped, inside a class, or followed by `?` (but `(?<name>` counts). */
export function captureGroups(source: string): number {
  let count = 0;
  scanPatternSource(source, (c, i) => {
    if (c === "(" && (source[i + 1] !== "?" || (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!"))) count++;
  });
  return count;
}

/** Calls `visit` with each character of a pattern's source that is neither escaped nor
 *  inside a character class (where `(`, `)` and `|` are syntax), with its index; stops when
 *  `visit` returns true. */
export function scanPatternSource(source: string, visit: (c: string, i: number) => boolean | void): void {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (visit(c, i) === true) return;
  }
}

/** Capture groups as placeholders, escapes undone, optional groups unwrapped, separators at
 *  the end dropped: `, ttl (\d+), ` → `'ttl N'`. */
function describe(source: string): string {
  const words = source
    .replace(/^\(\?:(.*)\)\?$/, "$1")
    .replace(/\((?:\?:)?(?:-\?)?\\d[^)]*\)/g, "N")
    .replace(/\(\[0-9a-f[^)]*\)/gi, "…")
    .replace(/\(\\S\+\??\)/g, "…")
    .replace(/\\(.)/g, "$1")
    .replace(/^[,\s]+|[,\s]+$/g, "");
  return `'${words}'`;
}
