import type { ProjectGraph } from '../graph/build.js';
import type { Project } from '../project/load.js';
import type { Diagnostic } from '../project/diagnostic.js';
import type { Dialect } from '../targets/target.js';

export interface CompileContext {
  dialect: Dialect;
  project: Project;
  graph: ProjectGraph;
}

/** What one node runs on one target: reviewable statements, in order. */
export interface CompiledNode {
  id: string;
  statements: string[];
  diagnostics: Diagnostic[];
}
