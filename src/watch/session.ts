/**
 * `mlc dev`: watch the project, recompile only the saved files, write compiled/ for what
 * changed, and re-run the selection; the plan rebuilds only nodes whose inputs changed.
 * One run at a time: a save during a run cancels it (every node builds aside and swaps,
 * so nothing is left half-built) and the next run starts once it has ended.
 */

import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { MANIFEST_FILE, type CompileOutput } from '../compile/compile.js';
import { writeCompiled } from '../compile/files.js';
import { Workspace, type CompileResult } from '../compile/workspace.js';
import type { ProjectGraph } from '../graph/build.js';
import { selectNodes } from '../graph/select.js';
import { hasErrors } from '../project/diagnostic.js';
import { listProjectFiles, type Project } from '../project/load.js';
import { UserError } from '../project/user-error.js';
import type { EventListener } from '../run/events.js';
import type { NodeRunner } from '../run/executor.js';
import { runProject } from '../run/run-project.js';
import { createTarget, type Target } from '../targets/index.js';
import { changedNodes } from './changed-nodes.js';
import { PROJECT_PATHS, dataFiles, isWatchedFile, isWatchedPath } from './watched-paths.js';

export interface WatchOptions {
  root: string;
  /** Target name; mlc.yml's `target` when absent. */
  target?: string;
  select?: string;
  exclude?: string;
  threads?: number;
  listener: EventListener;
  runNode: NodeRunner;
  /** Quiet time after the last file event before recompiling; editors write a file in bursts. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 40;
/**
 * chokidar drops a file's change events for 50 ms after reporting one, so the last save of
 * two quick ones can go unreported. A while after each event the file is looked at again.
 */
const RECHECK_MS = 70;

interface OpenTarget {
  /** The target's name and settings: a change of either in mlc.yml reopens it. */
  key: string;
  target: Target;
}

export class WatchSession {
  private readonly pending = new Set<string>();
  private readonly known = new Set<string>();
  /** mtime and size of each file when it was last read for a compile. */
  private readonly stamps = new Map<string, string>();
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  private data = new Set<string>();
  private graph?: ProjectGraph;
  /** What the last compile wrote, but the manifest. */
  private compiled?: Map<string, string>;
  /** The compile whose manifest is still to be written: after the run, off the path from a save to its rebuild. */
  private unwrittenManifest?: CompileOutput;
  private open?: OpenTarget;
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private controller?: AbortController;
  private loop?: Promise<void>;
  private stopping?: Promise<void>;

  private constructor(
    private readonly workspace: Workspace,
    private readonly options: WatchOptions,
  ) {}

  /** Starts watching, then compiles and runs the project once. Resolves when the watcher is listening. */
  static async start(options: WatchOptions): Promise<WatchSession> {
    const workspace = await Workspace.open(options.root);
    const session = new WatchSession(workspace, options);
    for (const file of await listProjectFiles(workspace.root)) session.known.add(file);
    const initial = workspace.compile();
    session.data = dataFiles(initial.project);
    try {
      await session.listen();
    } catch (error) {
      await session.watcher?.close();
      throw error;
    }
    session.loop = session.cycle([], initial).finally(() => {
      session.loop = undefined;
      session.kick();
    });
    return session;
  }

  get root(): string {
    return this.workspace.root;
  }

  /** Cancels the current run, waits for it to end, and releases the watcher and the target. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const timer of this.rechecks.values()) clearTimeout(timer);
    this.controller?.abort();
    await this.loop;
    this.writeManifest();
    await this.watcher?.close();
    await this.open?.target.dispose();
  }

  private async listen(): Promise<void> {
    const root = this.workspace.root;
    const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
    const watcher = watch(root, { ignoreInitial: true, ignored: (file) => !isWatchedPath(relative(file), this.data) });
    this.watcher = watcher;
    watcher.on('all', (event, file) => {
      const rel = relative(file);
      if (event === 'unlinkDir') {
        for (const known of this.known) if (known.startsWith(`${rel}/`)) this.changed(known);
      } else if (event !== 'addDir' && isWatchedFile(rel, this.data)) {
        this.changed(rel);
        this.recheckLater(rel);
      }
    });
    await new Promise<void>((resolve, reject) => {
      watcher.once('ready', resolve);
      watcher.once('error', reject);
    });
    watcher.on('error', (error) => this.options.listener({ type: 'watch_error', files: [], diagnostics: [], message: `file watcher: ${String(error)}` }));
    this.options.listener({ type: 'watch_ready', paths: [...PROJECT_PATHS], dataFiles: [...this.data].sort() });
  }

  private changed(file: string): void {
    if (this.stopping) return;
    this.pending.add(file);
    // A run of the old files is stale now; cancel it rather than let it finish.
    this.controller?.abort();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  private recheckLater(file: string): void {
    clearTimeout(this.rechecks.get(file));
    const timer = setTimeout(() => {
      this.rechecks.delete(file);
      // A file still pending is read later anyway, with whatever it holds by then.
      if (this.stopping || this.pending.has(file)) return;
      if (this.stamp(file) === this.stamps.get(file)) return;
      this.changed(file);
      this.recheckLater(file);
    }, RECHECK_MS);
    this.rechecks.set(file, timer);
  }

  /**
   * Synchronous: chokidar re-lists a folder on every change in it, and in a folder of
   * thousands of files its lstat calls fill libuv's thread pool, where an async stat would
   * wait behind them.
   */
  private stamp(file: string): string {
    try {
      const stats = statSync(path.join(this.workspace.root, file));
      return `${stats.mtimeMs}:${stats.size}`;
    } catch {
      return 'missing';
    }
  }

  /** Starts draining the pending files unless a cycle is already running (it drains them next). */
  private kick(): void {
    if (this.loop || this.stopping || this.timer || this.pending.size === 0) return;
    this.loop = this.drain().finally(() => {
      this.loop = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0 && !this.timer && !this.stopping) {
      const files = [...this.pending].sort();
      this.pending.clear();
      await this.cycle(files);
    }
  }

  /** Recompiles after `files` changed (or takes the first compile) and runs the selection. */
  private async cycle(files: string[], initial?: CompileResult): Promise<void> {
    const emit = this.options.listener;
    const controller = new AbortController();
    this.controller = controller;
    const started = performance.now();
    try {
      for (const file of files) {
        const stamp = this.stamp(file);
        this.stamps.set(file, stamp);
        if (stamp !== 'missing' && isWatchedFile(file, this.data)) this.known.add(file);
        else this.known.delete(file);
      }
      this.workspace.update(files);
      const result = initial ?? this.workspace.compile();
      const { project, graph, output } = result;
      if (hasErrors(result.diagnostics) || !project || !graph || !output) {
        emit({ type: 'watch_error', files, diagnostics: result.diagnostics });
        return;
      }
      this.followDataFiles(project);
      const changes = changedNodes(this.graph, graph);
      this.graph = graph;
      if (this.compiled) {
        await writeCompiled(this.workspace.root, output.statementFiles, this.compiled);
        this.unwrittenManifest = output;
      } else await writeCompiled(this.workspace.root, output.files);
      this.compiled = output.statementFiles;
      const durationMs = performance.now() - started;
      if (!initial) emit({ type: 'watch_change', files, nodes: changes.changed, removed: changes.removed, durationMs });
      const selected = selectNodes(graph, this.options.select, this.options.exclude);
      const name = this.options.target ?? project.config.target;
      const target = await this.targetFor(project, name);
      if (controller.signal.aborted) return;
      await runProject(project, graph, {
        target: name,
        selected,
        statements: output.statements.get(name) ?? new Map(),
        threads: this.options.threads,
        trigger: 'watch',
        selection: this.options.select ?? '',
        listener: emit,
        runNode: this.options.runNode,
        signal: controller.signal,
        open: target,
      });
    } catch (error) {
      if (error instanceof UserError) emit({ type: 'watch_error', files, diagnostics: [], message: error.message, hint: error.hint });
      else emit({ type: 'watch_error', files, diagnostics: [], message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    } finally {
      this.controller = undefined;
      // Saves already waiting will render a newer one.
      if (this.pending.size === 0) this.writeManifest();
    }
  }

  /** Writes compiled/manifest.json of the last compile, if not yet written. */
  private writeManifest(): void {
    const output = this.unwrittenManifest;
    this.unwrittenManifest = undefined;
    if (!output) return;
    try {
      writeFileSync(path.join(this.workspace.root, MANIFEST_FILE), output.files.get(MANIFEST_FILE)!);
    } catch (error) {
      this.options.listener({ type: 'watch_error', files: [], diagnostics: [], message: `writing ${MANIFEST_FILE}: ${String(error)}` });
    }
  }

  /** Sources added in mlc.yml bring data files the watcher has not listed yet. */
  private followDataFiles(project: Project): void {
    const next = dataFiles(project);
    const added = [...next].filter((file) => !this.data.has(file));
    this.data = next;
    if (added.length > 0) this.watcher?.add(added.map((file) => path.join(this.workspace.root, file)));
  }

  private async targetFor(project: Project, name: string): Promise<Target> {
    const key = JSON.stringify([name, project.config.targets[name] ?? null]);
    if (this.open?.key === key) return this.open.target;
    const previous = this.open;
    this.open = undefined;
    await previous?.target.dispose();
    const target = createTarget(project, name);
    this.open = { key, target };
    return target;
  }
}
