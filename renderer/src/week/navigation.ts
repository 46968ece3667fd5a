/** The class after (or before) the selected one in time order; the first (or last) when none is selected here. */
export function stepSelection(order: readonly string[], selectedId: string | null, delta: 1 | -1): string | null {
  if (order.length === 0) return null;
  const at = selectedId ? order.indexOf(selectedId) : -1;
  if (at === -1) return delta === 1 ? order[0]! : order[order.length - 1]!;
  return order[Math.min(order.length - 1, Math.max(0, at + delta))]!;
}
