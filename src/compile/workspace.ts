/**
 * A project held in memory between compiles: files are re-read only when they change,
 * and each node is recompiled only when its definition changed. Watch mode and
 * `mlc compile` both go through it.
 */

import path from 'node:path';
import type { FeatureAnalysis } from '../graph/analyze.js';
import { buildGraph, type FeatureAnalyzer, type ProjectGraph } from '../graph/build.js';
import { patchGraph, type PatchedGraph } from '../graph/patch.js';
import { relationKey } from '../graph/node.js';
import type { GraphNode } from '../graph/types.js';
import type { Diagnostic } from '../project/diagnostic.js';
import type { FeatureFile } from '../project/feature-file.js';
import { assemble, fileKind, listProjectFiles, PROJECT_FILE, readProjectFile, type ParsedFile, type Project } from '../project/load.js';
import type { ProjectConfig } from '../project/schema.js';
import { compileNode, compileProject, type ChangedNodes, type CompileOutput, type RenderedFile } from './compile.js';
import { compileFeature } from './feature.js';
import { ResultCache } from './result-cache.js';
import type { CompileContext, CompiledNode } from './types.js';
import { validateSchedules } from '../schedule/validate.js';
import { leakageWarnings } from '../graph/leakage.js';

export interface CompileResult {
  project?: Project;
  graph?: ProjectGraph;
  output?: CompileOutput;
  diagnostics: Diagnostic[];
}

export interface CompileOptions {
  /** False to save the new per-file results only when saveResults() is called. */
  saveResults?: boolean;
  /** Told each file of compiled/ (but the manifest) this compile renders, as soon as it is rendered. */
  rendered?: RenderedFile;
  /** The workspace compiles only this once (a command, not watch mode): nodes are compiled without keeping them for the next compile. */
  once?: boolean;
}

export class Workspace {
  private readonly files = new Map<string, ParsedFile>();
  /** Per dialect, per node id: the node's last compile and what it depended on. */
  private readonly cache = new Map<string, Map<string, { key: string; compiled: CompiledNode }>>();
  /** Per feature file: the SQL analysis of its current text, so a compile re-analyzes only changed files. */
  private readonly analyses = new Map<string, { text: string; result: FeatureAnalysis }>();
  /** Files re-read since the last compile. */
  private readonly edited = new Set<string>();
  /** The last successful compile, which the next one patches when only feature SQL changed. */
  private last?: { graph: ProjectGraph; buildDiagnostics: Diagnostic[]; output: CompileOutput };

  private constructor(
    readonly root: string,
    private readonly results: ResultCache,
  ) {}

  static async open(root: string): Promise<Workspace> {
    const absolute = path.resolve(root);
    const workspace = new Workspace(absolute, ResultCache.open(absolute));
    const files = await listProjectFiles(workspace.root);
    // mlc.yml first: its targets tell whether the feature files, read next, are translated.
    const rest = files.filter((file) => file !== PROJECT_FILE);
    if (rest.length < files.length) workspace.update([PROJECT_FILE]);
    const config = workspace.files.get(PROJECT_FILE);
    if (config?.kind === 'config' && translatesFeatures(config.config)) workspace.results.translateAhead(rest.filter((file) => fileKind(file) === 'feature').length);
    workspace.update(rest);
    workspace.results.offered();
    return workspace;
  }

  /** Re-reads the given project-relative files; a file that no longer exists is dropped. */
  update(files: readonly string[]): void {
    for (const file of files) {
      if (!fileKind(file)) continue;
      this.edited.add(file);
      // Reading is the existence test: a check first would be a second system call for each of thousands of files.
      try {
        const parsed = readProjectFile(this.root, file);
        this.files.set(file, parsed);
        if (parsed.kind === 'feature' && parsed.feature) this.results.offer(parsed.feature);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        this.files.delete(file);
        this.analyses.delete(file);
      }
    }
  }

  /**
   * Compiles what changed since the last call. The new per-file results are saved to .mlc/
   * at the end, or, with `saveResults: false`, when the caller calls saveResults(): a first
   * compile writes compiled/ on a worker meanwhile.
   */
  compile(options: CompileOptions = {}): CompileResult {
    try {
      return this.compileFiles(options);
    } finally {
      this.edited.clear();
      this.results.stopTranslatingAhead();
      if (options.saveResults !== false) this.saveResults();
    }
  }

  saveResults(): void {
    this.results.save();
  }

  private compileFiles({ rendered, once }: CompileOptions): CompileResult {
    const assembled = assemble(this.root, this.files.values());
    if (!assembled.project) return { diagnostics: assembled.diagnostics };
    const project = assembled.project;
    const translate = translatesFeatures(project.config);
    const analyze: FeatureAnalyzer = (feature, columnsOf) => {
      const plain = this.analyzeCached(feature, translate);
      return columnsOf ? this.results.analyzeWithColumns(feature, plain, columnsOf) : plain;
    };
    // A node's key is the same for every target: made once per compile.
    const keys = new Map<GraphNode, string>();
    const compile = (node: GraphNode, ctx: CompileContext): CompiledNode => (once ? this.compileNode(node, ctx) : this.compileCached(node, ctx, keys));
    const patched = this.patch(project, analyze);
    const built = patched ?? buildGraph(project, analyze);
    const diagnostics = [...assembled.diagnostics, ...built.diagnostics];
    this.last = undefined;
    if (!built.graph || diagnostics.some((d) => d.severity === 'error')) return { project, diagnostics };
    const graph = built.graph;
    const output = compileProject(project, graph, compile, patched?.since, rendered);
    this.last = { graph, buildDiagnostics: built.diagnostics, output };
    diagnostics.push(...output.diagnostics, ...validateSchedules(graph), ...leakageWarnings(graph));
    return { project, graph, output, diagnostics };
  }

  /** The last graph patched for the feature files edited since, when their edits keep its shape. */
  private patch(project: Project, analyze: FeatureAnalyzer): (PatchedGraph & { since: ChangedNodes }) | undefined {
    const last = this.last;
    if (!last || this.edited.size === 0) return undefined;
    const features: FeatureFile[] = [];
    for (const file of this.edited) {
      const parsed = this.files.get(file);
      if (parsed?.kind !== 'feature' || !parsed.feature || parsed.diagnostics.length > 0) return undefined;
      features.push(parsed.feature);
    }
    const patched = patchGraph(project, last.graph, features, analyze);
    if (!patched) return undefined;
    // Problems found while building name their file; the edited files' own are found again.
    const kept = last.buildDiagnostics.filter((d) => !this.edited.has(d.file));
    return { ...patched, diagnostics: [...kept, ...patched.diagnostics], since: { base: last.output, changed: patched.changed } };
  }

  /** `translate`: whether the DuckDB translation of the feature's statement will be needed. */
  private analyzeCached(feature: FeatureFile, translate: boolean): FeatureAnalysis {
    const hit = this.analyses.get(feature.file);
    if (hit && hit.text === feature.text) return hit.result;
    const result = this.results.analyze(feature, translate);
    this.analyses.set(feature.file, { text: feature.text, result });
    return result;
  }

  private compileCached(node: GraphNode, ctx: CompileContext, keys: Map<GraphNode, string>): CompiledNode {
    let key = keys.get(node);
    if (key === undefined) keys.set(node, (key = compileKey(node, ctx)));
    let compiledNodes = this.cache.get(ctx.dialect);
    if (!compiledNodes) this.cache.set(ctx.dialect, (compiledNodes = new Map()));
    const hit = compiledNodes.get(node.id);
    if (hit && hit.key === key) return hit.compiled;
    const compiled = this.compileNode(node, ctx);
    compiledNodes.set(node.id, { key, compiled });
    return compiled;
  }

  private compileNode(node: GraphNode, ctx: CompileContext): CompiledNode {
    return node.kind === 'feature' || node.kind === 'dataset' ? compileFeature(node, ctx, (sql) => this.results.translate(sql)) : compileNode(node, ctx);
  }
}

/** Whether the project has a DuckDB target, for which the feature statements are translated. */
function translatesFeatures(config: ProjectConfig | undefined): boolean {
  return Object.values(config?.targets ?? {}).some((target) => target.type === 'duckdb');
}

/** What a node's compiled statements depend on: its definition, its file, and its parents' tables and columns. */
function compileKey(node: GraphNode, ctx: CompileContext): string {
  let key = `${node.definitionHash}|${node.file}`;
  for (const edge of node.parents) {
    const parent = ctx.graph.nodes.get(edge.parent)!;
    key += `|${parent.id}=${parent.relation ? relationKey(parent.relation) : ''}:${parent.columns?.join(',') ?? ''}`;
  }
  return key;
}
