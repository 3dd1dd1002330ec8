/**
 * The project's own small SVG renderer for packet paths: one lane per Kubernetes node, the
 * stages laid out by layout.ts, each box coloured by its status with its text inside, arrows
 * in path order, and for a cross-node flow the VXLAN hop drawn as a link from the sender's
 * lane to the receiver's. Stages carry `data-stage` so the page can show their raw lines,
 * and `data-finding` so a click on a red stage goes to its finding row.
 *
 * Like layout.ts, `makeSvg` is self-contained: the page's script runs its source to draw a
 * section when it is shown; the colours come in as a parameter.
 */
import { makeLayout, type LayoutKit, type PlacedLane, type PlacedStage } from "./layout.js";
import type { HopView, LaneView, StageStatus } from "./view.js";

/** One colour per verdict, as `check` names them: green conforms, red violates, amber
 *  unchecked (no expected path, or a stage that has no place on it), purple incomplete. */
export const VERDICT_COLOURS = {
  conforms: { fill: "#e8f5e9", stroke: "#2e7d32" },
  violates: { fill: "#ffebee", stroke: "#c62828" },
  unchecked: { fill: "#fff8e1", stroke: "#b7791f" },
  incomplete: { fill: "#f3e5f5", stroke: "#6a1b9a" },
} as const;

export type VerdictColour = keyof typeof VERDICT_COLOURS;
type Colour = (typeof VERDICT_COLOURS)[VerdictColour];

/** Self-contained: see the file's comment. */
export function makeSvg(layout: LayoutKit, verdictColours: typeof VERDICT_COLOURS) {
  const { LANE, FONT_PX, BOX, textWidth, layoutLanes } = layout;
  /** A stage's colour by its status: check's verdicts, and the diff's same / changed / only
   *  in one trace in the same three colours. */
  const COLOURS: Record<StageStatus, Colour> = {
    ...verdictColours,
    same: verdictColours.conforms,
    changed: verdictColours.violates,
    only: verdictColours.unchecked,
  };
  const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };
  /** Every string from a trace, a file name or a cluster goes through this before it lands in
   *  the page, in text and in attribute values alike. */
  const escapeXml = (s: string): string => String(s).replace(/[<>&"']/g, (c) => ENTITIES[c]);

  function stageSvg(p: PlacedStage): string {
    const { stage } = p;
    const c = COLOURS[stage.status];
    const finding = stage.findingIds.length > 0 ? ` data-finding="${escapeXml(stage.findingIds[0])}"` : "";
    const texts = p.lines.map((l) => `<text x="${l.x}" y="${l.y}" class="t-${l.kind}">${escapeXml(l.text)}</text>`).join("");
    return (
      `<g class="stage${stage.first ? " first" : ""}" data-stage="${escapeXml(stage.id)}" data-status="${stage.status}" id="stage-${escapeXml(stage.id)}"${finding} tabindex="0">` +
      `<title>${escapeXml(`${stage.node} — ${stage.file}:${stage.line} (${stage.status}); click for the raw lines`)}</title>` +
      `<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="6" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${stage.first ? 4 : 1.5}"/>${texts}</g>`
    );
  }

  /** Arrows between consecutive stages: straight along a row, down and across between rows. */
  function arrows(lane: PlacedLane, head: string): string[] {
    const stages = lane.slots.filter((s): s is PlacedStage => s !== undefined && "stage" in s);
    return stages.slice(1).map((next, i) => {
      const prev = stages[i];
      if (prev.row === next.row) return `<line x1="${prev.x + prev.width}" y1="${prev.y + 14}" x2="${next.x - 3}" y2="${next.y + 14}" class="arrow" marker-end="url(#${head})"/>`;
      const across = lane.rowBottoms[prev.row] + BOX.gapY / 2;
      return `<path d="M${prev.x + prev.width / 2} ${prev.y + prev.height} V${across} H${next.x + next.width / 2} V${next.y - 3}" class="arrow" fill="none" marker-end="url(#${head})"/>`;
    });
  }

  function gapSvg(g: { x: number; y: number; width: number; height: number }): string {
    return `<rect x="${g.x}" y="${g.y}" width="${g.width}" height="${Math.min(g.height, 30)}" rx="6" class="gap"/>`;
  }

  function laneSvg(p: PlacedLane, head: string): string {
    const anchor = p.lane.anchor === undefined || p.lane.anchor === null ? "" : ` id="${escapeXml(p.lane.anchor)}"`;
    const slots = p.slots.map((s) => (s === undefined ? "" : "stage" in s ? stageSvg(s) : gapSvg(s)));
    return (
      `<g class="lane"${anchor}><rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" rx="10" class="lane-box"/>` +
      `<text x="${p.x + LANE.padding}" y="${p.y + 19}" class="lane-title">${escapeXml(p.lane.title)}</text>${arrows(p, head).join("")}${slots.join("")}</g>`
    );
  }

  /** The VXLAN hop: from the bottom of the sender's last stage, down into the gap between the
   *  lanes, along the left margin, into the receiver's first stage; its label in the gap. */
  function hopSvg(hop: HopView, lanes: PlacedLane[], head: string): string {
    const find = (id: string) => lanes.flatMap((l) => l.slots).find((s): s is PlacedStage => s !== undefined && "stage" in s && s.stage.id === id);
    const [from, to] = [find(hop.from), find(hop.to)];
    if (from === undefined || to === undefined || lanes.length < 2) return "";
    const mid = Math.round((lanes[0].y + lanes[0].height + lanes[1].y) / 2);
    const fromX = from.x + from.width / 2;
    const labelWidth = textWidth(hop.text, FONT_PX.label) + 12;
    const labelX = fromX < labelWidth + 60 ? fromX + 16 : 30;
    return (
      `<g class="vxlan-hop" data-from="${escapeXml(hop.from)}" data-to="${escapeXml(hop.to)}">` +
      `<path d="M${fromX} ${from.y + from.height} V${mid} H${LANE.hopMargin / 2} V${to.y + 14} H${to.x - 3}" class="hop-line" fill="none" marker-end="url(#${head})"/>` +
      `<rect x="${labelX}" y="${mid - 10}" width="${labelWidth}" height="20" rx="4" class="hop-box"/>` +
      `<text x="${labelX + 6}" y="${mid + 4}" class="t-hop">${escapeXml(hop.text)}</text></g>`
    );
  }

  /** Arrow heads, with ids of the diagram's own: ids are unique in the page. */
  const defs = (id: string): string =>
    `<defs><marker id="${id}-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#555"/></marker>` +
    `<marker id="${id}-hop-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#1f5fa8"/></marker></defs>`;

  /** The diagram at its own size: the page scrolls it sideways rather than shrink it. `id`
   *  names the diagram (its section's id, escaped by the caller). */
  function renderPathSvg(id: string, lanes: LaneView[], options: { aligned?: boolean; hop?: HopView } = {}): string {
    const hopView = options.hop ?? undefined;
    const placed = layoutLanes(lanes, { aligned: options.aligned, hop: hopView !== undefined });
    const hop = hopView === undefined ? "" : hopSvg(hopView, placed.lanes, `${id}-hop-head`);
    const body = placed.lanes.map((l) => laneSvg(l, `${id}-head`)).join("");
    return `<svg xmlns="http://www.w3.org/2000/svg" class="path" width="${placed.width}" height="${placed.height}" viewBox="0 0 ${placed.width} ${placed.height}" role="img">${defs(id)}${body}${hop}</svg>`;
  }

  return { COLOURS, escapeXml, renderPathSvg };
}

export type SvgKit = ReturnType<typeof makeSvg>;

const kit = makeSvg(makeLayout(), VERDICT_COLOURS);
export const { COLOURS, escapeXml, renderPathSvg } = kit;
