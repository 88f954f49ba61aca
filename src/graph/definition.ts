/**
 * The hash of each node's own definition. Only what changes the built result counts:
 * formatting of SQL, descriptions and schedules do not.
 */

import { canonicalJson, shortHash } from './hash.js';
import { relationKey } from './node.js';
import type { GraphNode } from './types.js';

export function definitionOf(node: GraphNode): string {
  switch (node.kind) {
    case 'source':
      return canonicalJson({ relation: relationKey(node.relation), file: node.source.file });
    case 'feature':
    case 'dataset': {
      const { description: _d, tags: _t, schedule: _s, ...config } = node.feature.config;
      return canonicalJson({ relation: relationKey(node.relation), config }) + node.normalizedSql;
    }
    case 'model': {
      const { description: _d, schedule: _s, serving: _v, ...spec } = node.spec;
      return canonicalJson({ spec, features: node.featureColumns });
    }
    case 'scoring': {
      const { schedule: _s, ...batch } = node.serving.batch ?? {};
      return canonicalJson({ relation: relationKey(node.relation), batch, ab: node.serving.ab, input: node.input });
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
  return shortHash(node.definitionHash, ...node.parents.map((e) => fingerprints.get(e.parent)!).sort());
}
