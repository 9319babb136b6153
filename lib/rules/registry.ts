import type { FixField, Severity } from '../model';

// Every rule Unitwise can raise, in one list: settings turn rules off by these ids,
// exports name them, and a meta-test checks each one is tested.

export interface RuleInfo {
  family: 'units' | 'minutes' | 'codes' | 'pairs' | 'mue' | 'modifiers' | 'visit';
  /** The highest severity the rule raises (some raise a milder one when a modifier is present). */
  severity: Severity;
  title: string;
  /** The field its findings ask the user to change (Finding.fix). */
  fix: FixField;
}

export const RULES = {
  'units.over-billed': { family: 'units', severity: 'error', title: 'More units than the minutes support', fix: 'units' },
  'units.under-billed': { family: 'units', severity: 'warning', title: 'Fewer units than the minutes support', fix: 'units' },
  'units.allocation': { family: 'units', severity: 'error', title: 'Right total, wrong split between codes', fix: 'units' },
  'units.tie': { family: 'units', severity: 'info', title: "A unit the clinician may give to either code", fix: 'units' },
  'units.not-billable': { family: 'units', severity: 'info', title: 'Timed service that earns no unit', fix: 'units' },
  'units.low-average': { family: 'units', severity: 'info', title: 'Under 15 minutes per billed unit', fix: 'units' },
  'units.rtm': { family: 'units', severity: 'info', title: 'Remote monitoring codes are not 15-minute codes', fix: 'units' },
  'units.unreadable': { family: 'units', severity: 'error', title: 'Units that are not a whole number', fix: 'units' },
  'minutes.unreadable': { family: 'minutes', severity: 'error', title: 'Minutes that are not a duration', fix: 'minutes' },
  'minutes.missing': { family: 'minutes', severity: 'warning', title: 'Timed code without minutes', fix: 'minutes' },
  'minutes.total-mismatch': { family: 'minutes', severity: 'error', title: 'Minutes disagree with total time or clock times', fix: 'minutes' },
  'minutes.overlap': { family: 'minutes', severity: 'warning', title: 'Two one-on-one services at the same time', fix: 'minutes' },
  'minutes.co-treatment': { family: 'minutes', severity: 'warning', title: 'Co-treatment: shared time counted once', fix: 'units' },
  'code.missing': { family: 'codes', severity: 'warning', title: 'Intervention without a code', fix: 'code' },
  'code.unknown': { family: 'codes', severity: 'warning', title: 'Code not in the therapy catalog', fix: 'code' },
  'code.deleted': { family: 'codes', severity: 'error', title: 'Deleted code', fix: 'code' },
  'code.bundled': { family: 'codes', severity: 'warning', title: 'Bundled code (not paid separately)', fix: 'code' },
  'code.payer-equivalent': { family: 'codes', severity: 'warning', title: 'Payer uses another code', fix: 'code' },
  'code.suggest': { family: 'codes', severity: 'warning', title: 'Description suggests another code', fix: 'code' },
  'documentation.thin': { family: 'codes', severity: 'info', title: 'Description names no body region, target or purpose', fix: 'label' },
  'pair.not-allowed': { family: 'pairs', severity: 'error', title: 'NCCI pair never billed together', fix: 'code' },
  'pair.modifier-required': { family: 'pairs', severity: 'error', title: 'NCCI pair needs a modifier (when valid)', fix: 'modifiers' },
  'pair.one-eval-per-day': { family: 'pairs', severity: 'error', title: 'One evaluation per discipline per day', fix: 'code' },
  'pair.reevaluation': { family: 'pairs', severity: 'error', title: 'Re-evaluation with therapy on the same day', fix: 'code' },
  'pair.eval-with-test': { family: 'pairs', severity: 'warning', title: 'Test or orthotic service with an evaluation', fix: 'code' },
  'pair.cmt-region': { family: 'pairs', severity: 'error', title: 'Manipulation with 97112/97124/97140', fix: 'code' },
  'pair.same-day': { family: 'pairs', severity: 'error', title: "An NCCI pair across the day's visits", fix: 'modifiers' },
  'pair.payer-policy': { family: 'pairs', severity: 'error', title: "Payer's own pair policy", fix: 'code' },
  'units.same-day': { family: 'units', severity: 'error', title: "The day's visits together bill more units than their minutes support (or would, with an earlier visit billed as suggested)", fix: 'units' },
  'mue.exceeded': { family: 'mue', severity: 'error', title: 'Daily unit limit (MUE) exceeded', fix: 'units' },
  'mue.same-day': { family: 'mue', severity: 'error', title: "The day's visits together exceed a daily unit limit (MUE)", fix: 'units' },
  'modifier.discipline-missing': { family: 'modifiers', severity: 'error', title: 'GP/GO/GN missing', fix: 'modifiers' },
  'modifier.discipline-mismatch': { family: 'modifiers', severity: 'error', title: "GP/GO/GN does not match the plan of care", fix: 'modifiers' },
  'modifier.assistant': { family: 'modifiers', severity: 'error', title: 'CQ/CO for assistant time', fix: 'modifiers' },
  'modifier.kx': { family: 'modifiers', severity: 'error', title: 'KX threshold', fix: 'modifiers' },
  'payer.missing': { family: 'visit', severity: 'info', title: 'No payer: method assumed', fix: 'payer' },
  'visit.incomplete': { family: 'visit', severity: 'warning', title: 'Visit read only in part', fix: 'label' },
  'data.out-of-range': { family: 'visit', severity: 'warning', title: 'Rule data does not cover the date of service', fix: 'dateOfService' },
  'dos.missing': { family: 'visit', severity: 'info', title: 'No date of service: checked by the rules in force now', fix: 'dateOfService' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];
