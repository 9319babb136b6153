import type { StoredEvaluation } from './messages';

// What the toolbar icon says about a tab's shown visit, readable without opening anything:
// its error count in the error colour, a check mark when it has none, nothing where Unitwise
// shows no visit (not running, or no form on the page).

export const BADGE_ERROR = '#b3261e';
export const BADGE_CLEAN = '#1e6b34';

export function toolbarBadge(stored: Pick<StoredEvaluation, 'evaluation' | 'source' | 'entries' | 'problem'> | undefined): { text: string; color?: string; title: string } {
  if (!stored) return { text: '', title: 'Unitwise' };
  if (stored.problem) return { text: '!', color: BADGE_ERROR, title: 'Unitwise could not check this page: open the panel to see why.' };
  if (stored.source === 'none' && stored.entries === 0) return { text: '', title: 'Unitwise: no visit form found on this page' };
  const findings = stored.evaluation.findings;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors) return { text: String(Math.min(errors, 99)), color: BADGE_ERROR, title: `Unitwise: ${errors === 1 ? '1 error' : `${errors} errors`} to fix before billing${warnings ? `, ${warnings === 1 ? '1 warning' : `${warnings} warnings`} to check` : ''}` };
  return { text: '✓', color: BADGE_CLEAN, title: warnings ? `Unitwise: no errors; ${warnings === 1 ? '1 warning' : `${warnings} warnings`} to check` : 'Unitwise: this visit is ready to bill' };
}
