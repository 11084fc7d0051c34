/**
 * The k best indices by descending value, ties by ascending index (the order a full sort gives),
 * `exclude` left out. A bounded heap: O(n log k) instead of sorting all n. `among` restricts the
 * indices considered (a candidate list); without it every index of `values` is.
 */
export function topK(values: ArrayLike<number>, k: number, exclude = -1, among?: ArrayLike<number>): number[] {
  const count = among ? among.length : values.length;
  const limit = Math.max(0, Math.min(k, count));
  if (limit === 0) return [];
  // heap[0] is the worst kept index: lowest value, and of equal values the highest index.
  const heap = new Int32Array(limit);
  let size = 0;
  const worse = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && a > b);
  const siftDown = (from: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < size && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < size && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === at) return;
      const swap = heap[at]!;
      heap[at] = heap[worst]!;
      heap[worst] = swap;
      at = worst;
    }
  };
  for (let j = 0; j < count; j++) {
    const i = among ? among[j]! : j;
    if (i === exclude) continue;
    if (size < limit) {
      // Sift up.
      let at = size++;
      heap[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at]!, heap[parent]!)) break;
        const swap = heap[at]!;
        heap[at] = heap[parent]!;
        heap[parent] = swap;
        at = parent;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return Array.from(heap.subarray(0, size)).sort((a, b) => values[b]! - values[a]! || a - b);
}
