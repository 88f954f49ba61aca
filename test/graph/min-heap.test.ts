import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/graph/min-heap.js';

describe('MinHeap', () => {
  it('always gives back the smallest string it holds, as a default sort orders them, while being filled and drained', () => {
    const heap = new MinHeap();
    const held: string[] = [];
    // A fixed pseudo-random mix of pushes and pops, duplicates and upper case included.
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      if (seed % 3 === 0 && held.length > 0) {
        held.sort();
        expect(heap.pop()).toBe(held.shift());
        continue;
      }
      const item = `${seed % 2 === 0 ? 'feature' : 'Model'}.f_${seed % 500}`;
      held.push(item);
      heap.push(item);
      expect(heap.size).toBe(held.length);
    }
    held.sort();
    while (held.length > 0) expect(heap.pop()).toBe(held.shift());
    expect(heap.pop()).toBeUndefined();
  });

  it('takes an item pushed after a pop before larger ones pushed earlier', () => {
    const heap = new MinHeap();
    for (const item of ['b', 'd', 'a', 'c']) heap.push(item);
    expect(heap.pop()).toBe('a');
    heap.push('aa');
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual(['aa', 'b', 'c', 'd']);
  });
});
