/** A count as the Batch page shows it: 100,000, not 100000. */
export const count = (n: number): string => n.toLocaleString('en-US');
