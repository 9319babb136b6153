import { describe, expect, it } from 'vitest';
import { toolbarBadge, BADGE_CLEAN, BADGE_ERROR } from '../lib/toolbar-badge';
import { evaluate } from '../lib/rules/evaluate';

const stored = (entries: Parameters<typeof evaluate>[0]['entries']) => ({ evaluation: evaluate({ payer: 'Medicare', discipline: 'PT', dateOfService: '2026-03-16', entries }), source: 'generic' as const, entries: entries.length });

describe('the toolbar badge', () => {
  it('shows the error count in the error colour (CPM §20.2: 7 minutes of 97140 earn no unit; 97110 without GP)', () => {
    const b = toolbarBadge(stored([{ code: '97140', minutes: 7, units: 1, modifiers: ['GP'] }, { code: '97110', minutes: 30, units: 2, modifiers: [] }]));
    expect(b).toMatchObject({ text: '2', color: BADGE_ERROR });
    expect(b.title).toMatch(/2 errors to fix before billing/);
  });

  it('shows a check mark when the visit is clean (33 + 7 minutes → 97110 ×2, 97140 ×1, Example 2)', () => {
    const b = toolbarBadge(stored([{ code: '97110', minutes: 33, units: 2, modifiers: ['GP'] }, { code: '97140', minutes: 7, units: 1, modifiers: ['GP'] }]));
    expect(b).toMatchObject({ text: '✓', color: BADGE_CLEAN, title: 'Unitwise: this visit is ready to bill' });
  });

  it('shows nothing where Unitwise shows no visit, and "!" where the page could not be checked', () => {
    expect(toolbarBadge(undefined).text).toBe('');
    expect(toolbarBadge({ ...stored([]), source: 'none', entries: 0 }).text).toBe('');
    expect(toolbarBadge({ ...stored([]), problem: 'refused' }).text).toBe('!');
  });
});
