/**
 * Where each stage box goes. Boxes are sized to their text with a monospace metric (the
 * page asks for DejaVu Sans Mono, Liberation Mono, Menlo or Consolas: each advances 0.6 em
 * or less per character, and 0.62 leaves room), laid out left to right and wrapped into
 * rows of at most ROW_WIDTH pixels. The diagram keeps this size in the page: a narrow
 * window scrolls it sideways, it never shrinks its text.
 *
 * The page draws a section's diagram itself, from the section's data, when the section is
 * shown (a report of 10,000 packets carries no 10,000 diagrams): `makeLayout` uses nothing
 * from outside its own body, so its source goes into the page's script as it is
 * (draw-script.ts), and Node's tests run the very same code.
 */
import type { LaneView, StageView } from "./view.js";
import type { LineKind, StageLine } from "./stage-lines.js";

export interface PlacedLine extends StageLine {
  x: number;
  /** Baseline. */
  y: number;
}

export interface PlacedStage {
  stage: StageView;
  x: number;
  y: number;
  width: number;
  height: number;
  row: number;
  lines: PlacedLine[];
}

export interface PlacedGap {
  gap: true;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLane {
  lane: LaneView;
  x: number;
  y: number;
  width: number;
  height: number;
  /** One per slot; `gap` for an empty slot of an aligned lane. */
  slots: (PlacedStage | PlacedGap | undefined)[];
  /** The bottom of each row's tallest box. */
  rowBottoms: number[];
}

export interface Layout {
  width: number;
  height: number;
  lanes: PlacedLane[];
}

/** Self-contained: see the file's comment. */
export function makeLayout() {
  const FONT_PX: Record<LineKind, number> = { node: 12, label: 11, rule: 11, detail: 11 };
  /** Advance of one monospace character, in ems, with a margin over the fonts' 0.6. */
  const CHAR_EM = 0.62;
  /** Line height in ems: above the fonts' ascent plus descent (DejaVu Sans Mono: 1.164). */
  const LINE_EM = 1.25;
  /** The baseline below the top of its line, in ems (the ascent, 0.93, plus half the spare). */
  const BASELINE_EM = 0.97;
  const BOX = { padX: 8, padTop: 5, padBottom: 6, minWidth: 110, gapX: 26, gapY: 30 };
  const LANE = { padding: 12, header: 28, titlePx: 13, gap: 14, hopGap: 46, hopMargin: 16 };
  /** Row width before stages wrap: fits a 1366-pixel screen beside the page margins. */
  const ROW_WIDTH = 1240;

  /** Characters as a reader counts them: a surrogate pair is one. */
  const characters = (text: string): number => text.length - (text.match(/[\uD800-\uDBFF]/g)?.length ?? 0);
  const textWidth = (text: string, px: number): number => Math.ceil(characters(text) * px * CHAR_EM);
  const lineHeight = (kind: LineKind): number => Math.ceil(FONT_PX[kind] * LINE_EM);

  function stageSize(stage: StageView | undefined): { width: number; height: number } {
    if (stage === undefined || stage === null) return { width: 0, height: 0 };
    const width = Math.max(BOX.minWidth, ...stage.lines.map((l) => textWidth(l.text, FONT_PX[l.kind]) + 2 * BOX.padX));
    const height = BOX.padTop + stage.lines.reduce((h, l) => h + lineHeight(l.kind), 0) + BOX.padBottom;
    return { width, height };
  }

  function placeLines(stage: StageView, x: number, y: number): PlacedLine[] {
    let top = y + BOX.padTop;
    return stage.lines.map((l) => {
      // One literal, not a spread: V8 builds spread objects the slow way (see the README).
      const placed = { text: l.text, kind: l.kind, x: x + BOX.padX, y: top + Math.round(FONT_PX[l.kind] * BASELINE_EM) };
      top += lineHeight(l.kind);
      return placed;
    });
  }

  /** Column widths, and the first column of each row. Aligned lanes share both. */
  function columns(widths: number[]): { xs: number[]; rows: number[] } {
    const xs: number[] = [];
    const rows: number[] = [];
    let x = 0;
    let row = -1;
    widths.forEach((w, i) => {
      if (i === 0 || x + w > ROW_WIDTH) {
        row += 1;
        x = 0;
      }
      xs.push(x);
      rows.push(row);
      x += w + BOX.gapX;
    });
    return { xs, rows };
  }

  function placeLane(lane: LaneView, widths: number[], top: number, left: number): PlacedLane {
    const { xs, rows } = columns(widths);
    const sizes = lane.slots.map(stageSize);
    const rowCount = rows.length === 0 ? 1 : rows[rows.length - 1] + 1;
    // One pass: a packet of thousands of records has thousands of rows.
    const rowHeights = new Array<number>(rowCount).fill(30);
    sizes.forEach((s, i) => (rowHeights[rows[i]] = Math.max(rowHeights[rows[i]], s.height)));
    const rowTops: number[] = [];
    let y = top + LANE.header + LANE.padding;
    for (const h of rowHeights) {
      rowTops.push(y);
      y += h + BOX.gapY;
    }
    // A slot the data leaves empty (JSON's null) is a gap, as an undefined one is.
    const slots = lane.slots.map((stage, i): PlacedStage | PlacedGap => {
      const x = left + LANE.padding + xs[i];
      const sy = rowTops[rows[i]];
      if (stage === undefined || stage === null) return { gap: true as const, x, y: sy, width: widths[i], height: rowHeights[rows[i]] };
      return { stage, x, y: sy, width: sizes[i].width, height: sizes[i].height, row: rows[i], lines: placeLines(stage, x, sy) };
    });
    const contentWidth = slots.reduce((w, s) => Math.max(w, s.x + s.width - left), 0);
    const titleWidth = textWidth(lane.title, LANE.titlePx) + 2 * LANE.padding;
    return {
      lane,
      x: left,
      y: top,
      width: Math.max(contentWidth + LANE.padding, titleWidth),
      height: y - BOX.gapY + LANE.padding - top,
      slots,
      rowBottoms: rowTops.map((t, r) => t + rowHeights[r]),
    };
  }

  /** Lanes one above the other; `hop`: the gap between the first two carries a link. */
  function layoutLanes(lanes: LaneView[], options: { aligned?: boolean; hop?: boolean } = {}): Layout {
    const own = lanes.map((l) => l.slots.map((s) => stageSize(s).width));
    const slotCount = own.reduce((n, w) => Math.max(n, w.length), 0);
    const shared = Array.from({ length: slotCount }, (_, i) => own.reduce((m, w) => Math.max(m, w[i] ?? 0), 0));
    const left = options.hop ? LANE.hopMargin : 1;
    const placed: PlacedLane[] = [];
    let y = 1;
    lanes.forEach((lane, k) => {
      const p = placeLane(lane, options.aligned ? shared : own[k], y, left);
      placed.push(p);
      y += p.height + (options.hop && k === 0 ? LANE.hopGap : LANE.gap);
    });
    const width = placed.reduce((w, p) => Math.max(w, p.width), 0) + left + 1;
    for (const p of placed) p.width = width - left - 1;
    return { width, height: y - LANE.gap + 1, lanes: placed };
  }

  return { FONT_PX, BOX, LANE, ROW_WIDTH, textWidth, layoutLanes };
}

export type LayoutKit = ReturnType<typeof makeLayout>;

/** The measures, for the tests that check a layout against them. */
export const { LANE, ROW_WIDTH } = makeLayout();
