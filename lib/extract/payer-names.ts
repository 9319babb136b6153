// Payers known by name. A few labels say only a rank or a plan ("Primary:", "Coverage:", "Plan:"):
// on a chart banner they may name a physician, a diagnosis or a status ("Primary: Dr. Jones",
// "Coverage: Active"), so such a label is a payer's only when its value is a payer's name.
import { isMedicarePayer } from '../medicare-payer';

/** A payer by its name: a public program or a national or regional plan ("Medicare Part B", "Aetna PPO", "Molina"). */
export const NAMED_PAYER =
  /\b(?:medicare|mcr|mcb|medicaid|medi-cal|aetna|cigna|humana|tricare|champva|bcbs|blue\s*(?:cross|shield)|united\s*health(?:care)?|uhc|kaiser|anthem|molina|wellcare|highmark|carefirst|ambetter|amerigroup|caresource|premera|regence|florida\s+blue)\b/i;

/** Not a plan but how the visit is paid, which still says who pays: "Self-pay", "Workers' comp". */
const PAID_OTHERWISE = /\b(?:self[\s-]?pay|private\s+pay|workers'?\s*comp(?:ensation)?)\b/i;

/** A care plan's words: "Plan: Continue POC 2x/week; Medicare recert due 12/31" is a SOAP note's plan, not a payer. */
const CARE_PLAN = /\b(?:poc|plan of care|continue|cont|cert\w*|recert\w*|weeks?|wks?|visits?|goals?|progress|discharge|d\/c|eval\w*|re-?eval\w*|refer\w*|hep|home program)\b|\d\s*x\b/i;

/**
 * Whether a value is a payer's name (above, or a Medicare contractor: "Novitas", "Palmetto GBA"),
 * as a banner gives it: short, and not a care plan's sentence that mentions one.
 */
export const namesPayer = (value: string): boolean =>
  value.length <= 60 && !CARE_PLAN.test(value) && (NAMED_PAYER.test(value) || PAID_OTHERWISE.test(value) || isMedicarePayer(value));

/**
 * A label that is a payer's only when its value names one (its words as `words()` gives them):
 * a rank ("Primary", "Pri", "1st") or a plan ("Coverage", "Primary coverage", "Plan", "Health
 * plan"). Not a later rank: "Secondary", "Sec", "2nd".
 */
export const PAYER_BY_VALUE_LABEL = /^(?:primary|pri|1st|prim)(?: (?:coverage|plan|carrier))?$|^(?:coverage|plan|health plan|medical plan|benefit plan)$/;
