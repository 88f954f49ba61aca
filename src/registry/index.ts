/** The model registry: its tables, the promotion policy, the scoring functions, versions and status changes. */

export { createScoringFunction, scoringFunctionName } from './functions.js';
export { decidePromotion } from './promotion.js';
export type { PromotionDecision, Status } from './promotion.js';
export { applyStatusChange, assertRegistered, changeStatus, findVersion, planStatusChange, versionName } from './status-change.js';
export type { StatusAction, StatusChange, StatusTransition } from './status-change.js';
export { REGISTRY_INSERT_COLUMNS, registryDdl, registryNames } from './tables.js';
export type { RegistryNames } from './tables.js';
export { readArtifactJson, readVersions } from './versions.js';
export type { RegistryVersion } from './versions.js';
export { writeRegistry } from './write.js';
export type { Write } from './write.js';
