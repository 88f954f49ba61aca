/** Validation of artifacts read from the registry or produced by the Python procedure. */

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ARTIFACT_FORMAT } from './artifact.js';
import type { Artifact, Tree } from './artifact.js';

export class ArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactError';
  }
}

const finite = z.number();
const index = z.int().min(-1);
const label = z.union([z.string(), z.number(), z.boolean()]);

const treeSchema = z.strictObject({
  output: z.int().min(0),
  feature: z.array(index),
  threshold: z.array(finite),
  left: z.array(index),
  right: z.array(index),
  missingLeft: z.array(z.boolean()),
  value: z.array(finite),
});

const artifactSchema = z.strictObject({
  format: z.literal(ARTIFACT_FORMAT),
  task: z.enum(['binary', 'multiclass', 'regression']),
  kind: z.enum(['linear', 'tree_ensemble']),
  algorithm: z.enum(['logistic_regression', 'linear_regression', 'gradient_boosting', 'random_forest']),
  params: z.record(z.string(), z.json()),
  features: z.array(
    z.discriminatedUnion('type', [
      z.strictObject({ name: z.string().min(1), type: z.literal('numeric') }),
      z.strictObject({ name: z.string().min(1), type: z.literal('categorical'), categories: z.array(z.string()) }),
    ]),
  ),
  encoding: z.literal('one_hot'),
  inputs: z.array(z.strictObject({ feature: z.string(), category: z.string().optional() })),
  preprocessing: z.strictObject({ impute: z.array(finite), mean: z.array(finite), scale: z.array(finite) }).nullable(),
  link: z.enum(['identity', 'logit', 'softmax']),
  outputs: z.int().min(1),
  classes: z.array(label).nullable(),
  threshold: z.number().min(0).max(1).nullable(),
  baseScore: z.array(finite),
  linear: z.strictObject({ coefficients: z.array(z.array(finite)) }).nullable(),
  trees: z.array(treeSchema).nullable(),
  importance: z.array(finite),
  training: z.strictObject({ rows: z.int().min(0), iterations: z.int().min(0), converged: z.boolean().nullable() }),
});

/** Parses and checks an artifact (JSON text or a parsed value); errors name the offending path. */
export function parseArtifact(json: unknown): Artifact {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ArtifactError(`model artifact is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = artifactSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ArtifactError(`invalid model artifact (${ARTIFACT_FORMAT}):\n${lines.join('\n')}`);
  }
  const artifact = parsed.data as Artifact;
  const problems = consistencyProblems(artifact);
  if (problems.length > 0) throw new ArtifactError(`inconsistent model artifact:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return artifact;
}

/** Deterministic JSON: object keys sorted at every level, no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

/** sha256 (hex) of the canonical JSON of the artifact. */
export function artifactHash(artifact: Artifact): string {
  return createHash('sha256').update(canonicalJson(artifact)).digest('hex');
}

function consistencyProblems(a: Artifact): string[] {
  const problems: string[] = [];
  const width = a.inputs.length;
  const features = new Map(a.features.map((f) => [f.name, f]));
  a.inputs.forEach((input, i) => {
    const feature = features.get(input.feature);
    if (!feature) problems.push(`inputs.${i}: unknown feature ${input.feature}`);
    else if ((input.category !== undefined) !== (feature.type === 'categorical')) {
      problems.push(`inputs.${i}: a category is required exactly for categorical features`);
    } else if (feature.type === 'categorical' && !feature.categories.includes(input.category ?? '')) {
      problems.push(`inputs.${i}: category ${input.category} is not in the categories of ${feature.name}`);
    }
  });
  if (a.importance.length !== a.features.length) problems.push('importance: needs one value per feature');
  if (a.baseScore.length !== a.outputs) problems.push(`baseScore: needs ${a.outputs} values (one per output)`);
  const expectedOutputs = a.task === 'multiclass' ? (a.classes?.length ?? 0) : 1;
  if (a.outputs !== expectedOutputs) problems.push(`outputs: ${a.task} needs ${expectedOutputs}`);
  if (a.task === 'regression' && (a.classes !== null || a.link !== 'identity')) problems.push('regression needs classes null and link identity');
  if (a.task === 'binary' && (a.classes?.length !== 2 || a.threshold === null || a.link === 'softmax')) {
    problems.push('binary needs 2 classes, a threshold and link logit or identity');
  }
  if (a.task === 'multiclass' && a.link === 'logit') problems.push('multiclass needs link softmax or identity');
  if (a.kind === 'linear') {
    const p = a.preprocessing;
    if (!p || p.impute.length !== width || p.mean.length !== width || p.scale.length !== width) {
      problems.push(`preprocessing: linear models need impute, mean and scale for each of ${width} inputs`);
    }
    const rows = a.linear?.coefficients;
    if (!rows || rows.length !== a.outputs || rows.some((r) => r.length !== width)) {
      problems.push(`linear.coefficients: needs ${a.outputs} rows of ${width} values`);
    }
  } else {
    if (!a.trees || a.trees.length === 0) problems.push('trees: a tree ensemble needs at least one tree');
    a.trees?.forEach((tree, t) => problems.push(...treeProblems(tree, width, a.outputs).map((p) => `trees.${t}: ${p}`)));
  }
  return problems;
}

function treeProblems(tree: Tree, width: number, outputs: number): string[] {
  const n = tree.feature.length;
  const lengths = [tree.threshold, tree.left, tree.right, tree.missingLeft, tree.value].map((a) => a.length);
  if (n === 0 || lengths.some((l) => l !== n)) return ['all node arrays need the same non-zero length'];
  if (tree.output >= outputs) return [`output ${tree.output} is out of range`];
  const problems: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i]!;
    if (f === -1) continue;
    const l = tree.left[i]!;
    const r = tree.right[i]!;
    // Children after their parent rules out cycles, so scoring always terminates.
    if (f >= width) problems.push(`node ${i}: input ${f} is out of range`);
    if (l <= i || r <= i || l >= n || r >= n) problems.push(`node ${i}: children must come after the node and exist`);
  }
  return problems;
}
