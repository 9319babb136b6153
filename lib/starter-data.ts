import type { Finding } from './model';

/** Why a finding from a built-in starter table (Finding.starterData) must be verified: on the panel's card and on the marker's. */
export const STARTER_DATA: Record<NonNullable<Finding['starterData']>, string> = {
  ptp: "this NCCI pair comes from Unitwise's built-in starter table (public sources, not the CMS file). Check it against the current CMS practitioner PTP file, or import the practice's quarterly CMS files in Options → Rule data to replace the starter table.",
  mue: "this daily limit comes from Unitwise's built-in starter table (a 2017 snapshot, not the current CMS file). Check it against the current CMS practitioner MUE file, or import it in Options → Rule data to replace the starter table.",
};
