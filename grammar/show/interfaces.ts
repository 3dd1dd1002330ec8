/**
 * Readers of the interface commands: `show interface` (names and sw_if_index),
 * `show interface address` (L3 addresses, bridge-domain membership), `show mode` (L2 or
 * L3), `show interface features <if>` (the feature nodes of each arc, in order) and
 * `show version`.
 */
import type { ShowLine } from "./parser.js";
import { garbled, headerOf, indentOf, rowByHeader, cell, type Problem, type Read } from "./lines.js";

export interface InterfaceRow {
  name: string;
  index: number;
  up: boolean;
  line: number;
}

/** `host-lv1a   2   up   9000/0/0/0   rx packets   1`: rows start at column 0; the
 *  counter lines under them are indented. */
export function readInterfaces(body: ShowLine[]): Read<InterfaceRow[]> {
  const data: InterfaceRow[] = [];
  const problems: Problem[] = [];
  let header: ReturnType<typeof headerOf> | undefined;
  for (const l of body) {
    if (l.text.trim() === "") continue;
    if (header === undefined && /\bName\b/.test(l.text) && /\bIdx\b/.test(l.text)) {
      header = headerOf(l.text);
      continue;
    }
    if (indentOf(l.text) > 0) continue;
    const row = header === undefined ? undefined : rowByHeader(header, l.text);
    const words = l.text.trim().split(/\s+/);
    const index = cell(row ?? new Map(), "Idx") ?? words[1];
    const state = cell(row ?? new Map(), "State") ?? words[2];
    if (header === undefined || !/^\d+$/.test(index ?? "")) {
      problems.push(garbled(l, "an interface row: NAME IDX STATE …, under a header naming Name and Idx"));
      continue;
    }
    data.push({ name: words[0], index: Number(index), up: state === "up", line: l.line });
  }
  return { data, problems };
}

export interface AddressRow {
  name: string;
  line: number;
  /** `10.1.1.1/24`, as printed (IPv4 and IPv6). */
  l3: string[];
  bridge?: { bd: number; shg: number; bvi: boolean };
}

const ADDRESS_HEAD = /^(\S+) \((up|dn|down)\):$/;
const L3 = /^(?:L3 )?([0-9a-fA-F:.]+\/\d+)(?:\s.*)?$/;
/** `L2 bridge bd-id 1 idx 1 shg 0 bvi`; 18.x printed `l2 bridge bd_id 1 bvi shg 0`. */
const L2_BRIDGE = /^L2 bridge bd-id (\d+) idx \d+ shg (\d+)(\s+bvi)?$/;
const L2_BRIDGE_18 = /^l2 bridge bd_id (\d+)(\s+bvi)? shg (\d+)$/;

export function readInterfaceAddresses(body: ShowLine[]): Read<AddressRow[]> {
  const data: AddressRow[] = [];
  const problems: Problem[] = [];
  let current: AddressRow | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const head = indentOf(l.text) === 0 ? ADDRESS_HEAD.exec(text) : null;
    if (head !== null) {
      data.push((current = { name: head[1], line: l.line, l3: [] }));
      continue;
    }
    const l3 = L3.exec(text);
    const bridge = L2_BRIDGE.exec(text);
    const old = L2_BRIDGE_18.exec(text);
    if (current !== undefined && old !== null) current.bridge = { bd: Number(old[1]), shg: Number(old[3]), bvi: old[2] !== undefined };
    else if (current !== undefined && l3 !== null) current.l3.push(l3[1]);
    else if (current !== undefined && bridge !== null) current.bridge = { bd: Number(bridge[1]), shg: Number(bridge[2]), bvi: bridge[3] !== undefined };
    else if (current !== undefined && /^L2 xconnect /.test(text)) continue;
    else problems.push(garbled(l, current === undefined ? "'NAME (up):'" : "'L3 ADDRESS/LEN' or 'L2 bridge bd-id N idx N shg N [bvi]'"));
  }
  return { data, problems };
}

export interface ModeRow {
  name: string;
  mode: "l3" | "bridge" | "xconnect" | "other";
  bd?: number;
  bvi?: boolean;
  line: number;
}

const MODE_L3 = /^l3 (\S+)$/;
const MODE_BRIDGE = /^l2 bridge (\S+) bd_id (\d+)(\s+bvi)?(?:\s+shg \d+)?$/;
const MODE_OTHER = /^l2 (xconnect|vtr|\S+) (\S+)/;

export function readMode(body: ShowLine[]): Read<ModeRow[]> {
  const data: ModeRow[] = [];
  const problems: Problem[] = [];
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const l3 = MODE_L3.exec(text);
    const bridge = MODE_BRIDGE.exec(text);
    const other = MODE_OTHER.exec(text);
    if (l3 !== null) data.push({ name: l3[1], mode: "l3", line: l.line });
    else if (bridge !== null) data.push({ name: bridge[1], mode: "bridge", bd: Number(bridge[2]), bvi: bridge[3] !== undefined, line: l.line });
    else if (other !== null) data.push({ name: other[2], mode: other[1] === "xconnect" ? "xconnect" : "other", line: l.line });
    else problems.push(garbled(l, "'l3 NAME' or 'l2 bridge NAME bd_id N [bvi] shg N'"));
  }
  return { data, problems };
}

export interface FeatureArcs {
  /** The interface the output is about (`Feature paths configured on host-lv1a...`). */
  name?: string;
  line: number;
  /** Arc → feature node names in order; an L2 arc's `INPUT_FEAT_ARC (l2-input-feat-arc)`
   *  gives the node in parentheses. `none configured` is an empty list. */
  arcs: Map<string, string[]>;
}

const FEATURES_HEAD = /^Feature paths configured on (\S+?)\.\.\.$/;
const ARC = /^([\w.-]+):$/;
const L2_FEATURE = /^[A-Z0-9_]+ \(([\w-]+)\)$/;
const NODE_NAME = /^[a-z0-9][\w-]*$/;

export function readFeatures(body: ShowLine[]): Read<FeatureArcs> {
  const data: FeatureArcs = { line: body[0]?.line ?? 0, arcs: new Map() };
  const problems: Problem[] = [];
  let arc: string[] | undefined;
  for (const l of body) {
    const text = l.text.trim();
    if (text === "") continue;
    const head = FEATURES_HEAD.exec(text);
    const arcName = indentOf(l.text) === 0 ? ARC.exec(text) : null;
    const l2 = L2_FEATURE.exec(text);
    if (head !== null) [data.name, data.line] = [head[1], l.line];
    else if (arcName !== null) data.arcs.set(arcName[1], (arc = []));
    else if (arc !== undefined && text === "none configured") continue;
    else if (arc !== undefined && l2 !== null) arc.push(l2[1]);
    else if (arc !== undefined && NODE_NAME.test(text)) arc.push(text);
    else problems.push(garbled(l, arc === undefined ? "'Feature paths configured on NAME...' or 'ARC:'" : "a feature node name, 'NAME (node)' or 'none configured'"));
  }
  return { data, problems };
}

/** `Version: v26.06-release` (`show version verbose`) or `vpp v18.07-rc0~… built by …`. */
export function readVersion(body: ShowLine[]): Read<{ release?: string; line: number }> {
  for (const l of body) {
    const m = /^\s*(?:Version:\s+v?|vpp v)(\d+\.\d+)/.exec(l.text);
    if (m !== null) return { data: { release: m[1], line: l.line }, problems: [] };
  }
  const first = body.find((l) => l.text.trim() !== "");
  return { data: { line: first?.line ?? 0 }, problems: first === undefined ? [] : [garbled(first, "'vpp vNN.NN…' or 'Version: vNN.NN…'")] };
}
