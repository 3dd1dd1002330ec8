/**
 * A node's state dump as the renderers use it: the sections of each command gathered
 * (a dump may run a command several times, `show interface features` once per interface),
 * with `file:line` of each, for the `why` of every object rendered from them.
 */
import type { SectionData, ShowDump, ShowSection } from "../../../grammar/show/index.js";

export type Of<C extends SectionData["command"]> = Extract<SectionData, { command: C }>;

export interface StateDiagnostic {
  severity: "warning" | "note";
  line: number;
  column: number;
  message: string;
}

export class Sections {
  constructor(
    readonly file: string,
    private readonly dump: ShowDump,
    readonly diagnostics: StateDiagnostic[] = [],
  ) {}

  all<C extends SectionData["command"]>(command: C): { section: ShowSection; data: Of<C> }[] {
    return this.dump.sections.filter((s) => s.data.command === command).map((section) => ({ section, data: section.data as Of<C> }));
  }

  first<C extends SectionData["command"]>(command: C): Of<C> | undefined {
    return this.all(command)[0]?.data;
  }

  has(command: SectionData["command"]): boolean {
    return this.dump.sections.some((s) => s.data.command === command);
  }

  /** `config.vpp1.txt:153`: where a line of the dump is. */
  at(line: number): string {
    return `${this.file}:${line}`;
  }

  warn(line: number, message: string): void {
    this.diagnostics.push({ severity: "warning", line, column: 1, message });
  }

  note(line: number, message: string): void {
    this.diagnostics.push({ severity: "note", line, column: 1, message });
  }
}
