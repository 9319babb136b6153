/** A count as Unitwise shows it to people: 100,000, not 100000. */
export const count = (n: number): string => n.toLocaleString('en-US');
