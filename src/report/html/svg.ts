/**
 * The project's own small SVG renderer for packet paths: one lane per Kubernetes node, laid
 * out left to right and wrapped into rows so that a 40-stage cross-node path stays readable;
 * each stage a box coloured by its verdict, with the graph node's name and its ACL, NAT and
 * TTL labels. Stages carry `data-stage` so the page can show their raw trace lines.
 */
import type { LaneView, StageView } from "./view.js";

export const STAGE = { width: 176, height: 66, gapX: 22, gapY: 26, perRow: 7, laneHeader: 26, lanePadding: 12 };

/** One colour per verdict, as `check` names them: green conforms, red violates, amber
 *  unchecked (no expected path, or a stage that has no place on it), purple incomplete. */
export const VERDICT_COLOURS = {
  conforms: { fill: "#e8f5e9", stroke: "#2e7d32" },
  violates: { fill: "#ffebee", stroke: "#c62828" },
  unchecked: { fill: "#fff8e1", stroke: "#b7791f" },
  incomplete: { fill: "#f3e5f5", stroke: "#6a1b9a" },
} as const;

export type VerdictColour = keyof typeof VERDICT_COLOURS;

/** A stage's colour by its status in the view. */
export const COLOURS = {
  conforms: VERDICT_COLOURS.conforms,
  violation: VERDICT_COLOURS.violates,
  unexpected: VERDICT_COLOURS.unchecked,
  incomplete: VERDICT_COLOURS.incomplete,
} as const;

/** Every string from a trace, a file name or a cluster goes through this before it lands in
 *  the page, in text and in attribute values alike. */
export const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);
const fit = (s: string, chars: number): string => (s.length <= chars ? s : `${s.slice(0, chars - 1)}…`);

function stageSvg(stage: StageView, x: number, y: number): string {
  const c = COLOURS[stage.status];
  const lines = [stage.at ? `${stage.at}` : "", ...stage.labels].filter(Boolean).slice(0, 3);
  const texts = lines.map((l, i) => `<text x="${x + 8}" y="${y + 34 + i * 12}" class="label">${escapeXml(fit(l, 30))}</text>`).join("");
  const tooltip = [stage.node, `${stage.file}:${stage.line}`, ...stage.labels, ...stage.notes].join("\n");
  return (
    `<g class="stage${stage.first ? " first" : ""}" data-stage="${escapeXml(stage.id)}" data-status="${escapeXml(stage.status)}" tabindex="0">` +
    `<title>${escapeXml(tooltip)}</title>` +
    `<rect x="${x}" y="${y}" width="${STAGE.width}" height="${STAGE.height}" rx="6" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${stage.first ? 4 : 1.5}"/>` +
    `<text x="${x + 8}" y="${y + 17}" class="node">${escapeXml(fit(stage.node, 24))}</text>${texts}</g>`
  );
}

function laneHeight(lane: LaneView): number {
  const rows = Math.max(1, Math.ceil(lane.stages.length / STAGE.perRow));
  return STAGE.laneHeader + rows * STAGE.height + (rows - 1) * STAGE.gapY + 2 * STAGE.lanePadding;
}

export const svgWidth = (): number => STAGE.perRow * STAGE.width + (STAGE.perRow - 1) * STAGE.gapX + 2 * STAGE.lanePadding + 2;

export function renderPathSvg(lanes: LaneView[]): string {
  const width = svgWidth();
  let y = 1;
  const parts: string[] = [];
  for (const lane of lanes) {
    const h = laneHeight(lane);
    parts.push(`<g class="lane"><rect x="1" y="${y}" width="${width - 2}" height="${h}" rx="10" class="lane-box"/><text x="${STAGE.lanePadding}" y="${y + 18}" class="lane-title">${escapeXml(lane.title)}</text>`);
    lane.stages.forEach((stage, i) => {
      const row = Math.floor(i / STAGE.perRow);
      const col = i % STAGE.perRow;
      const sx = STAGE.lanePadding + col * (STAGE.width + STAGE.gapX);
      const sy = y + STAGE.laneHeader + STAGE.lanePadding + row * (STAGE.height + STAGE.gapY);
      if (i > 0 && col > 0) parts.push(`<line x1="${sx - STAGE.gapX}" y1="${sy + STAGE.height / 2}" x2="${sx - 3}" y2="${sy + STAGE.height / 2}" class="arrow" marker-end="url(#head)"/>`);
      if (i > 0 && col === 0) {
        const px = STAGE.lanePadding + (STAGE.perRow - 1) * (STAGE.width + STAGE.gapX) + STAGE.width / 2;
        parts.push(`<path d="M${px} ${sy - STAGE.gapY} V${sy - STAGE.gapY / 2} H${sx + STAGE.width / 2} V${sy - 3}" class="arrow" fill="none" marker-end="url(#head)"/>`);
      }
      parts.push(stageSvg(stage, sx, sy));
    });
    parts.push("</g>");
    y += h + 14;
  }
  const height = y;
  const defs = `<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#555"/></marker></defs>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="path" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${defs}${parts.join("")}</svg>`;
}
