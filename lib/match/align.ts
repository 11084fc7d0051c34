/** How a query string differs from a key string, as found by a banded edit-distance alignment. */
export interface Alignment {
  /** Edits (substitution, insertion, deletion, adjacent transposition), each counting one. */
  distance: number;
  /** Lengths of the runs of consecutive edits along the alignment. */
  runs: number[];
  /** True when some edit touches a digit or '+': a version or sequel marker, never a typo. */
  touchesVersion: boolean;
  /** How many characters of the key the query covered (all of it unless prefix mode). */
  keyLength: number;
}

const INF = 1 << 20;
let buffer = new Int32Array(0);

function isVersionChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 43;
}

/** An edit at `at` in `text` sits beside a digit: 'Gemma 3' -> 'Gemma 3n' is a new model, not a slip. */
function besideVersion(text: string, at: number): boolean {
  return isVersionChar(text.charCodeAt(at - 1)) || isVersionChar(text.charCodeAt(at + 1));
}

/**
 * Aligns `query` to `key` with the optimal-string-alignment distance, computing only the cells
 * within `maxEdits` of the diagonal (so a query costs O(length x maxEdits)). In prefix mode the
 * query may stop anywhere in the key (a truncated title). Returns null when over `maxEdits`.
 */
export function alignStrings(query: string, key: string, maxEdits: number, prefix: boolean): Alignment | null {
  const m = query.length;
  const n = prefix ? Math.min(key.length, m + maxEdits) : key.length;
  if (!prefix && Math.abs(m - n) > maxEdits) return null;
  if (prefix && key.length < m - maxEdits) return null;
  const width = n + 1;
  const size = (m + 1) * width;
  if (buffer.length < size) buffer = new Int32Array(Math.max(size, buffer.length * 2));
  const d = buffer;
  for (let i = 0; i <= m; i++) {
    const lo = Math.max(0, i - maxEdits - 1);
    const hi = Math.min(n, i + maxEdits + 1);
    for (let j = lo; j <= hi; j++) {
      const at = i * width + j;
      if (Math.abs(i - j) > maxEdits) {
        d[at] = INF;
        continue;
      }
      if (i === 0) {
        d[at] = j;
        continue;
      }
      if (j === 0) {
        d[at] = i;
        continue;
      }
      const same = query.charCodeAt(i - 1) === key.charCodeAt(j - 1);
      let best = d[at - width - 1]! + (same ? 0 : 1);
      const up = d[at - width]! + 1;
      const left = d[at - 1]! + 1;
      if (up < best) best = up;
      if (left < best) best = left;
      if (
        i > 1 &&
        j > 1 &&
        query.charCodeAt(i - 1) === key.charCodeAt(j - 2) &&
        query.charCodeAt(i - 2) === key.charCodeAt(j - 1)
      ) {
        const swap = d[at - 2 * width - 2]! + 1;
        if (swap < best) best = swap;
      }
      d[at] = best;
    }
  }
  let end = n;
  if (prefix) {
    let bestEnd = -1;
    for (let j = Math.max(0, m - maxEdits); j <= n; j++) {
      if (bestEnd < 0 || d[m * width + j]! < d[m * width + bestEnd]!) bestEnd = j;
    }
    end = bestEnd;
  }
  const distance = d[m * width + end]!;
  if (end < 0 || distance > maxEdits) return null;
  return traceBack(query, key, d, width, m, end, distance);
}

function traceBack(
  query: string,
  key: string,
  d: Int32Array,
  width: number,
  m: number,
  end: number,
  distance: number,
): Alignment {
  const runs: number[] = [];
  let run = 0;
  let touchesVersion = false;
  let i = m;
  let j = end;
  const closeRun = () => {
    if (run > 0) runs.push(run);
    run = 0;
  };
  while (i > 0 || j > 0) {
    const here = d[i * width + j]!;
    const qc = i > 0 ? query.charCodeAt(i - 1) : -1;
    const kc = j > 0 ? key.charCodeAt(j - 1) : -1;
    if (i > 0 && j > 0 && qc === kc && d[(i - 1) * width + j - 1] === here) {
      closeRun();
      i--;
      j--;
      continue;
    }
    if (i > 0 && j > 0 && d[(i - 1) * width + j - 1] === here - 1) {
      touchesVersion ||=
        isVersionChar(qc) || isVersionChar(kc) || besideVersion(query, i - 1) || besideVersion(key, j - 1);
      i--;
      j--;
    } else if (
      i > 1 &&
      j > 1 &&
      qc === key.charCodeAt(j - 2) &&
      query.charCodeAt(i - 2) === kc &&
      d[(i - 2) * width + j - 2] === here - 1
    ) {
      touchesVersion ||= isVersionChar(qc) || isVersionChar(kc);
      i -= 2;
      j -= 2;
    } else if (i > 0 && d[(i - 1) * width + j] === here - 1) {
      touchesVersion ||= isVersionChar(qc) || besideVersion(query, i - 1);
      i--;
    } else {
      touchesVersion ||= isVersionChar(kc) || besideVersion(key, j - 1);
      j--;
    }
    run++;
  }
  closeRun();
  return { distance, runs, touchesVersion, keyLength: end };
}
