// Payers known by name. A few labels say only a rank or a coverage ("Primary:", "Coverage:"): on a
// chart banner they may name a physician, a diagnosis or a status ("Primary: Dr. Jones",
// "Coverage: Active"), so such a label is a payer's only when its value is a payer's name alone.
// (Not "Plan:": a SOAP note's plan names payers in sentences, "Plan: Pt to f/u w/ Medicare".)
import { isMedicarePayer } from '../medicare-payer';

/** A payer by its name: a public program or a national or regional plan ("Medicare Part B", "Aetna PPO", "Molina"). */
export const NAMED_PAYER =
  /\b(?:medicare|mcr|mcb|medicaid|medi-cal|aetna|cigna|humana|tricare|champva|bcbs|blue\s*(?:cross|shield)|united\s*health(?:care)?|uhc|kaiser|anthem|molina|wellcare|highmark|carefirst|ambetter|amerigroup|caresource|premera|regence|florida\s+blue)\b/i;

/** Not a plan but how the visit is paid, which still says who pays: "Self-pay", "Workers' comp". */
const PAID_OTHERWISE = /\b(?:self[\s-]?pay|private\s+pay|workers'?\s*comp(?:ensation)?)\b/i;

/**
 * Words around a payer's name that make the value something else: a care plan ("Continue POC
 * 2x/week, Medicare recert due"), a to-do ("Call Humana re auth"), a physician or a place ("Dr.
 * Lee, Kaiser Permanente", "Kaiser Medical Center"), a coverage's status ("Medicare card scanned",
 * "benefits exhausted", "not Medicare").
 */
const NOT_A_PAYER_NAME =
  /\b(?:poc|plan of care|continue|cont|cert\w*|recert\w*|weeks?|wks?|visits?|goals?|progress|discharge|d\/c|eval\w*|re-?eval\w*|refer\w*|hep|home program|call|obtain|f\/u|follow\w*|auth\w*|discuss\w*|pt|re|no(?!\.)|not|non|dr|md|do|clinic|center|centre|hospital|office|card|scanned|exhausted|benefits?|verif\w*|pending|denied|expired|inactive|terminated|cost)\b|\d\s*x\b/i;

/**
 * Whether a value is a payer's name alone (above, or a Medicare contractor: "Novitas", "Palmetto
 * GBA"), as a banner gives it: short, with no other words that make it a sentence or a status.
 */
export const namesPayer = (value: string): boolean =>
  value.length <= 40 && !NOT_A_PAYER_NAME.test(value) && (NAMED_PAYER.test(value) || PAID_OTHERWISE.test(value) || isMedicarePayer(value));

/**
 * A label that is a payer's only when its value names one (its words as `words()` gives them):
 * a rank ("Primary", "Pri", "1st") or a coverage ("Coverage", "Primary coverage", "Health plan").
 * Not a later rank ("Secondary", "Sec", "2nd"), nor a bare "Plan" (a SOAP note's).
 */
export const PAYER_BY_VALUE_LABEL = /^(?:primary|pri|1st|prim)(?: (?:coverage|plan|carrier))?$|^(?:coverage|health plan|medical plan|benefit plan)$/;
