import { describe, expect, it } from 'vitest';
import { ArtifactError, SqlLimitError, artifactHash, canonicalJson, datasetFromRows, parseArtifact, sqlLimits, trainGradientBoosting, trainLogisticRegression } from '../../src/ml/index.js';
import { parityRows } from './parity-data.js';

const data = datasetFromRows(parityRows(500, 21, false), { features: ['a', 'b', 'color'], target: 'binary_target' });

describe('artifact', () => {
  it('round-trips through JSON and hashes canonically', () => {
    const artifact = trainLogisticRegression(data);
    const parsed = parseArtifact(JSON.stringify(artifact));
    expect(parsed).toEqual(artifact);
    const reordered = Object.fromEntries(Object.entries(artifact).reverse());
    expect(artifactHash(parseArtifact(reordered))).toBe(artifactHash(artifact));
    expect(artifactHash(artifact)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(artifact.features).toEqual([
      { name: 'a', type: 'numeric' },
      { name: 'b', type: 'numeric' },
      { name: 'color', type: 'categorical', categories: ['blue', 'green', 'red'] },
    ]);
  });

  it('explains what is wrong with an invalid artifact', () => {
    const artifact = trainGradientBoosting(data, { max_iter: 2, early_stopping: false });
    expect(() => parseArtifact('{')).toThrow(ArtifactError);
    expect(() => parseArtifact({ ...artifact, format: 'mlc.model/2' })).toThrow(/format/);
    expect(() => parseArtifact({ ...artifact, link: 'probit' })).toThrow(/link/);
    const broken = JSON.parse(JSON.stringify(artifact)) as typeof artifact;
    broken.trees![0]!.left[0] = 0;
    expect(() => parseArtifact(broken)).toThrow(/trees\.0: node 0: children must come after the node/);
    expect(() => parseArtifact({ ...artifact, baseScore: [0, 0] })).toThrow(/baseScore: needs 1 values/);
  });

  it('refuses SQL too large for a warehouse, suggesting smaller trees', () => {
    const artifact = trainGradientBoosting(data, { max_iter: 30, max_leaf_nodes: 16, min_samples_leaf: 2, early_stopping: false });
    const size = sqlLimits(artifact);
    expect(size.bytes).toBeGreaterThan(10_000);
    expect(() => sqlLimits(artifact, { maxBytes: 10_000 })).toThrow(SqlLimitError);
    expect(() => sqlLimits(artifact, { maxBytes: 10_000 })).toThrow(/fewer trees/);
    expect(() => sqlLimits(artifact, { maxDepth: 5 })).toThrow(/nest \d+ levels deep/);
  });
});
