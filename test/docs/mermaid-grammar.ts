/**
 * A strict check of the Mermaid flowchart subset `mlc graph` emits: every line must be
 * one of the statement shapes below, subgraphs must balance, and edges may only name
 * declared nodes. Mermaid's own parser needs a DOM, so the test uses this instead.
 */

export interface ParsedFlowchart {
  /** Node key → label. */
  labels: Map<string, string>;
  /** Subgraph key → label. */
  subgraphs: Map<string, string>;
  edges: { from: string; to: string; dotted: boolean }[];
}

const LABEL = '"([^"]*)"';
const NODE = new RegExp(`^\\s+(n\\d+(?:c\\d+)?)\\[${LABEL}\\]:::([a-z]+)$`);
const SUBGRAPH = new RegExp(`^\\s+subgraph (n\\d+) \\[${LABEL}\\]$`);
const EDGE = /^\s+(n\d+(?:c\d+)?) (-->|-\.->) (n\d+(?:c\d+)?)$/;
const CLASSDEF = /^\s+classDef [a-z]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{3,6}$/;

export function parseFlowchart(text: string): ParsedFlowchart {
  const lines = text.trimEnd().split('\n');
  if (lines[0] !== 'flowchart LR') throw new Error(`expected 'flowchart LR', got '${lines[0]}'`);
  const parsed: ParsedFlowchart = { labels: new Map(), subgraphs: new Map(), edges: [] };
  let depth = 0;
  for (const [i, line] of lines.slice(1).entries()) {
    let m: RegExpExecArray | null;
    if ((m = NODE.exec(line))) {
      if (parsed.labels.has(m[1]!)) throw new Error(`line ${i + 2}: node ${m[1]} declared twice`);
      parsed.labels.set(m[1]!, m[2]!);
    } else if ((m = SUBGRAPH.exec(line))) {
      if (depth > 0) throw new Error(`line ${i + 2}: nested subgraph`);
      depth++;
      parsed.subgraphs.set(m[1]!, m[2]!);
    } else if (/^\s+end$/.test(line)) {
      if (depth === 0) throw new Error(`line ${i + 2}: 'end' without subgraph`);
      depth--;
    } else if ((m = EDGE.exec(line))) {
      parsed.edges.push({ from: m[1]!, to: m[3]!, dotted: m[2] === '-.->' });
    } else if (!CLASSDEF.test(line)) {
      throw new Error(`line ${i + 2}: not a flowchart statement: ${line}`);
    }
  }
  if (depth !== 0) throw new Error('unclosed subgraph');
  for (const e of parsed.edges) {
    for (const end of [e.from, e.to]) {
      if (!parsed.labels.has(end) && !parsed.subgraphs.has(end)) throw new Error(`edge names undeclared node ${end}`);
    }
  }
  return parsed;
}
