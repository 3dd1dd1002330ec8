/**
 * A cluster file read as YAML (JSON is YAML), with where each value sits, so that every
 * problem can say line:column. Hostile input gets a located error, never a crash, a raw
 * Node warning or a runaway: nesting deeper than MAX_DEPTH (found on the parser's tokens,
 * which it builds without recursion), unresolved tags, aliases that expand too far (an
 * alias bomb), syntax errors.
 */
import { Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser, visit, type CST, type Document, type Node } from "yaml";
import { ClusterError, MAX_PROBLEMS, withMore } from "./errors.js";

/** A cluster description nests four deep; a hundred levels are no description at all. */
export const MAX_DEPTH = 64;
/** Nodes reached through aliases, at most (the yaml package's default). */
export const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  data: unknown;
  /** `line:column` of the value at a JSON pointer (`/pods/2/ip`), or of its key `key`. */
  locate(pointer: string, key?: string): string;
}

export function readYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const at = (offset: number): string => {
    const pos = lines.linePos(offset);
    return `${pos.line}:${pos.col}`;
  };
  // Parsed once into tokens, which are checked for depth and then composed (as the yaml
  // package's parseDocument does, but with the check in between).
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const tooDeep = deepestNesting(tokens);
  if (tooDeep !== undefined) throw new ClusterError([`${file}:${at(tooDeep)}: the YAML nests deeper than ${MAX_DEPTH} levels; a cluster description nests four`]);
  const [doc, another] = new Composer({ uniqueKeys: true, logLevel: "error" }).compose(tokens, true, text.length);
  const problems = [...doc.errors, ...doc.warnings].map((e) => `${file}:${at(e.pos[0])}: ${yamlProblem(e.code, e.message)}`);
  if (another !== undefined) problems.push(`${file}:${at(another.range[0])}: not valid YAML or JSON: a second document (after ---); a cluster description is one`);
  if (problems.length > 0) throw new ClusterError(withMore(problems, MAX_PROBLEMS));
  return { data: toData(doc, file, at), locate: (pointer, key) => at(offsetOf(doc, pointer, key)) };
}

function yamlProblem(code: string, message: string): string {
  const first = message.split("\n")[0];
  if (code === "TAG_RESOLVE_FAILED") return `${first}: a cluster description uses no YAML tags`;
  if (code === "RESOURCE_EXHAUSTION") return `the YAML nests too deeply to read (${first})`;
  return `not valid YAML or JSON: ${first}`;
}

function toData(doc: Document, file: string, at: (offset: number) => string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let alias: Node | undefined;
    visit(doc, {
      Alias(_, node) {
        alias = node;
        return visit.BREAK;
      },
    });
    if (alias === undefined) throw error;
    throw new ClusterError([`${file}:${at(alias.range?.[0] ?? 0)}: the YAML aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT}, as an alias bomb does); a cluster description needs none`]);
  }
}

/** The offset of the value at `pointer` (or of its key `key`); where the path cannot be
 *  followed, of the deepest node it reached. */
function offsetOf(doc: Document, pointer: string, key?: string): number {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (key !== undefined) parts.push(key);
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [i, part] of parts.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === part);
      // A key asked for by name is located at the key; a path step at the value.
      next = key !== undefined && i === parts.length - 1 ? pair?.key : pair?.value;
    } else if (isSeq(node)) next = node.items[Number(part)];
    if (next === undefined || next === null || isAlias(next)) break;
    node = next;
    offset = (next as Node).range?.[0] ?? offset;
  }
  return offset;
}

/** The offset of the first collection nested deeper than MAX_DEPTH, if any. */
function deepestNesting(tokens: CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    const children: (CST.Token | null | undefined)[] = [];
    let inner = depth;
    if (token.type === "document") children.push(token.value);
    else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      inner = depth + 1;
      if (inner > MAX_DEPTH) return token.offset;
      for (const item of token.items as CST.CollectionItem[]) children.push(item.key, item.value);
    }
    for (const child of children) if (child) stack.push([child, inner]);
  }
  return undefined;
}
