/**
 * Fingerprints, computed when first asked for. After one file is saved, nearly every
 * descendant's fingerprint changes; hashing them all up front would cost more than the
 * rest of the recompile, while a watch-mode run needs only its selection's.
 */

import { fingerprintOf } from './definition.js';
import type { GraphNode } from './types.js';

export class Fingerprints implements Iterable<[string, string]> {
  /** Names this object without holding it, so a long watch session does not keep every past graph alive. */
  private readonly token = {};

  private constructor(
    private readonly nodes: ReadonlyMap<string, GraphNode>,
    private readonly order: readonly string[],
    private readonly known: Map<string, string>,
    /** The token of the fingerprints this one was patched from, and the ids whose fingerprints differ from them. */
    private readonly base?: { token: object; changed: ReadonlySet<string> },
  ) {}

  /** The fingerprints of a graph's nodes; `order` is topological and sets the order of iteration. */
  static of(nodes: ReadonlyMap<string, GraphNode>, order: readonly string[]): Fingerprints {
    return new Fingerprints(nodes, order, new Map());
  }

  /**
   * The fingerprints of the same graph with some nodes' definitions replaced (`nodes`):
   * `changed` holds those whose definition hash changed and all their descendants, the
   * only ones recomputed.
   */
  patched(nodes: ReadonlyMap<string, GraphNode>, changed: ReadonlySet<string>): Fingerprints {
    const known = new Map(this.known);
    for (const id of changed) known.delete(id);
    return new Fingerprints(nodes, this.order, known, { token: this.token, changed });
  }

  /** The ids whose fingerprint differs from `previous`'s, when these were patched from it; else undefined. */
  changedSince(previous: Fingerprints): ReadonlySet<string> | undefined {
    return this.base?.token === previous.token ? this.base.changed : undefined;
  }

  get(id: string): string | undefined {
    const hit = this.known.get(id);
    if (hit !== undefined || !this.nodes.has(id)) return hit;
    // Parents first, with a stack rather than recursion: chains can be thousands of nodes deep.
    const stack = [id];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const node = this.nodes.get(top)!;
      const depth = stack.length;
      for (const edge of node.parents) if (!this.known.has(edge.parent)) stack.push(edge.parent);
      if (stack.length > depth) continue;
      stack.pop();
      if (!this.known.has(top)) this.known.set(top, fingerprintOf(node, this.known));
    }
    return this.known.get(id);
  }

  keys(): IterableIterator<string> {
    return this.order.values();
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const id of this.order) yield [id, this.get(id)!];
  }
}
