/** The resolved project graph: nodes with their parents and what each kind needs to compile. */

import type { ColumnLineage } from '../sql/analysis.js';
import type { Statement } from '../sql/statements.js';
import type { FeatureFile } from '../project/feature-file.js';
import type { Locate } from '../project/load.js';
import type { ModelSpec, MonitorSpec, SourceConfig } from '../project/schema.js';
import type { Location, NodeKind, Relation } from './node.js';

/** A dependency edge, located where the child references the parent. */
export interface Edge extends Location {
  parent: string;
}

interface BaseNode extends Location {
  /** `<kind>.<name>`: unique across the project. */
  id: string;
  kind: NodeKind;
  name: string;
  tags: string[];
  description?: string;
  /** The table or view the node materializes, if any. */
  relation?: Relation;
  /** Output columns in order, when known. */
  columns?: string[];
  parents: Edge[];
  /** Hash of the node's own definition, formatting-insensitive. */
  definitionHash: string;
}

export interface SourceNode extends BaseNode {
  kind: 'source';
  relation: Relation;
  source: SourceConfig;
}

export interface SqlNode extends BaseNode {
  kind: 'feature' | 'dataset';
  /** What readers select from: for a versioned feature, the stable view on its latest version. */
  relation: Relation;
  /** A feature's physical table of this version (`<name>__v<version>`), when it has one. */
  physical?: Relation;
  feature: FeatureFile;
  /** The file's one statement, without comments before it or a trailing `;`. */
  statement: Statement;
  /**
   * The hash of the statement in fingerprint form (normalizeForFingerprint: formatting and
   * the case of words do not count). Kept rather than the form itself, which is as long as
   * the SQL: a large project holds thousands, and the result cache stores each.
   */
  sqlHash: string;
  lineage: ColumnLineage[];
}

export interface ModelNode extends BaseNode {
  kind: 'model';
  spec: ModelSpec;
  locate: Locate;
  /** The id of the training data node. */
  trainingData: string;
  /** The features the model uses, resolved against the training data's columns. */
  featureColumns: string[];
}

export interface ScoringNode extends BaseNode {
  kind: 'scoring';
  relation: Relation;
  model: string;
  input: string;
  serving: ModelSpec['serving'];
}

export interface MonitorNode extends BaseNode {
  kind: 'monitor';
  relation: Relation;
  spec: MonitorSpec;
  locate: Locate;
  model: string;
  scoring: string;
  actuals: string;
  /** The node holding the scored rows with their features, when the monitor names one. */
  scores?: string;
}

export type GraphNode = SourceNode | SqlNode | ModelNode | ScoringNode | MonitorNode;
