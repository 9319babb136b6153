// GP, GO and GN: the modifier that says which therapy plan of care a line is billed under (CPM
// Pub. 100-04 Ch. 5 §20.1). No imports: the side panel's report and the rules share it.

const PLAN_MODIFIERS: ReadonlySet<string> = new Set(['GP', 'GO', 'GN']);

/** The plan-of-care modifier among a line's modifiers (upper-cased), if any. */
export function planModifierIn(modifiers: readonly string[] | undefined): string | undefined {
  if (!modifiers) return undefined;
  for (const m of modifiers) {
    const up = m.toUpperCase();
    if (PLAN_MODIFIERS.has(up)) return up;
  }
  return undefined;
}
