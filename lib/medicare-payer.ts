// Which payer names mean Medicare. Its own module: the content script asks it (a day's visits
// under one plan, lib/batch/same-day.ts) and must not load the rules' data with it.

/**
 * A payer name that means Medicare: the word, its billing abbreviation ("MCR PART B"), or a Part
 * B Medicare Administrative Contractor that practice systems list as the payer (Novitas, Palmetto
 * GBA, Noridian, NGS, CGS, WPS, First Coast): their claims follow the CMS manuals.
 */
const MEDICARE_PAYER = /medicare|\bmcr\b/i;
const MEDICARE_CONTRACTOR = /\b(novitas|palmetto gba|noridian|national government services|cgs administrators|wps (government|medicare)|first coast service)/i;

/** Whether a payer name means Medicare (the word, "MCR", or a Part B contractor): see above. */
// ("Non-Medicare", "Not Medicare": a commercial plan, as the practice's list names it.)
// (Taken out, not refused: "Medicare Part B (not Medicare Advantage)" is Medicare.)
const NOT_MEDICARE_G = /\b(?:non|not)[\s-]*medicare\b/gi;
export const isMedicarePayer = (payer: string): boolean => {
  const named = payer.replace(NOT_MEDICARE_G, ' ');
  return MEDICARE_PAYER.test(named) || MEDICARE_CONTRACTOR.test(named);
};

/** Whether a payer name is a Part B Medicare Administrative Contractor's (see above). */
export const isMedicareContractor = (payer: string): boolean => MEDICARE_CONTRACTOR.test(payer);
