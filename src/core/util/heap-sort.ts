/**
 * In-place heapsort of the first `n` entries of an Int32Array, ascending.
 * Used where a step collects agent ids in visiting order and must act on them
 * in a fixed order: it allocates nothing (unlike `subarray(0, n).sort()`,
 * which makes a view) and takes O(n log n) whatever the input.
 *
 * Algorithm: J. W. J. Williams, "Algorithm 232: Heapsort", Communications of
 * the ACM 7(6), 1964, with Floyd's bottom-up heap construction (R. W. Floyd,
 * "Algorithm 245: Treesort 3", CACM 7(12), 1964).
 */
export function heapSortInt32(a: Int32Array, n: number): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(a, start, n);
  for (let end = n - 1; end > 0; end--) {
    const top = a[0];
    a[0] = a[end];
    a[end] = top;
    siftDown(a, 0, end);
  }
}

function siftDown(a: Int32Array, root: number, n: number): void {
  const x = a[root];
  let i = root;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && a[child + 1] > a[child]) child++;
    if (a[child] <= x) break;
    a[i] = a[child];
    i = child;
  }
  a[i] = x;
}
