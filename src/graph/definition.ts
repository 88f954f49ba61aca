/**
 * The hash of each node's own definition. Only what changes the built result counts:
 * formatting of SQL, descriptions and schedules do not.
 */

import { canonicalJson, canonicalJsonOmitting, shortHash } from './hash.js';
import { relationKey } from './node.js';
import type { GraphNode } from './types.js';

/** A feature's settings that do not change its table. */
const UNHASHED_FEATURE_KEYS = ['description', 'tags', 'schedule'];

/** Each object below lists its keys in sorted order, so canonicalJson need not copy it to sort them. */
export function definitionOf(node: GraphNode): string {
  switch (node.kind) {
    case 'source':
      return canonicalJson({ file: node.source.file, relation: relationKey(node.relation) });
    case 'feature':
    case 'dataset': {
      // The canonical JSON of { config, relation }, put together here: a project has thousands of features.
      const config = canonicalJsonOmitting(node.feature.config, UNHASHED_FEATURE_KEYS);
      return `{"config":${config},"relation":${JSON.stringify(relationKey(node.relation))}}${node.sqlHash}`;
    }
    case 'model': {
      const { description: _d, schedule: _s, serving: _v, ...spec } = node.spec;
      return canonicalJson({ features: node.featureColumns, spec });
    }
    case 'scoring': {
      const { schedule: _s, ...batch } = node.serving.batch ?? {};
      return canonicalJson({ ab: node.serving.ab, batch, input: node.input, relation: relationKey(node.relation) });
    }
    case 'monitor': {
      const { description: _d, schedule: _s, on_alert: _a, ...spec } = node.spec;
      return canonicalJson(spec);
    }
  }
}

export function definitionHash(node: GraphNode): string {
  return shortHash(node.kind, definitionOf(node));
}

/** A node's definition hash combined with its parents' fingerprints: what changes when anything upstream does. */
export function fingerprintOf(node: GraphNode, fingerprints: ReadonlyMap<string, string>): string {
  // Pushed into a literal, not mapped: map() gives a node without parents an array of another
  // kind, and its sort() then threw away the optimized code of the manifest that called this.
  const parents: string[] = [];
  for (const edge of node.parents) parents.push(fingerprints.get(edge.parent)!);
  return shortHash(node.definitionHash, ...parents.sort());
}
