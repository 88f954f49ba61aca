/** Whether two lists (either may be missing) hold the same strings in the same order. */
export function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, k) => x === b[k]));
}
