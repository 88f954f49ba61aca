/** Learner parameters: sklearn names and defaults, validated with errors that name the typo. */

import { z } from 'zod';
import { closest } from '../project/diagnostic.js';

export class ParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

const classWeight = z.union([z.literal('balanced'), z.record(z.string(), z.number().positive())]).nullable().default(null);
const maxFeatures = z.union([z.enum(['sqrt', 'log2']), z.number().positive()]).nullable();
const seed = z.int().min(0).default(0);

export const logisticRegressionParams = z.strictObject({
  C: z.number().positive().default(1),
  max_iter: z.int().min(1).default(100),
  tol: z.number().positive().default(1e-4),
  class_weight: classWeight,
});

export const linearRegressionParams = z.strictObject({
  alpha: z.number().min(0).default(1e-10),
});

export const gradientBoostingParams = z.strictObject({
  max_iter: z.int().min(1).optional(),
  n_estimators: z.int().min(1).optional(),
  learning_rate: z.number().positive().default(0.1),
  max_depth: z.int().min(1).nullable().default(null),
  max_leaf_nodes: z.int().min(2).nullable().default(31),
  min_samples_leaf: z.int().min(1).default(20),
  min_child_weight: z.number().min(0).default(1e-3),
  l2_regularization: z.number().min(0).default(0),
  max_bins: z.int().min(2).max(255).default(255),
  early_stopping: z.union([z.literal('auto'), z.boolean()]).default('auto'),
  n_iter_no_change: z.int().min(1).default(10),
  validation_fraction: z.number().gt(0).lt(1).default(0.1),
  tol: z.number().min(0).default(1e-7),
  class_weight: classWeight,
  random_state: seed,
});

export const randomForestParams = z.strictObject({
  n_estimators: z.int().min(1).default(100),
  max_depth: z.int().min(1).nullable().default(null),
  min_samples_leaf: z.int().min(1).default(1),
  max_features: maxFeatures.optional(),
  max_bins: z.int().min(2).max(255).default(255),
  bootstrap: z.boolean().default(true),
  class_weight: classWeight,
  random_state: seed,
});

export type LogisticRegressionParams = z.infer<typeof logisticRegressionParams>;
export type LinearRegressionParams = z.infer<typeof linearRegressionParams>;
export type GradientBoostingParams = z.infer<typeof gradientBoostingParams>;
export type RandomForestParams = z.infer<typeof randomForestParams>;
export type ClassWeight = z.infer<typeof classWeight>;

export function parseParams<T extends z.ZodType>(schema: T, algorithm: string, params: Record<string, unknown>): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
  const lines = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys
        .map((key) => {
          const hint = closest(key, known);
          return `unknown parameter ${key}${hint ? ` (did you mean ${hint}?)` : ''}`;
        })
        .join('; ');
    }
    return `${issue.path.join('.')}: ${issue.message}`;
  });
  throw new ParamsError(`${algorithm}: ${lines.join('; ')}`);
}
