// Dollars as a person or an export writes them. Shared by the form reader and the batch
// reader; no dependencies (the content script bundles it).

/**
 * "$2,450.00", "2450", "2 450", or with a decimal comma "2.450,00"; the reason otherwise (a
 * negative amount, words): never a guess.
 */
export function parseMoney(raw: string, decimalComma = false): number | string {
  let t = raw.trim().replace(/^(?:US)?\$\s*|\s*(?:USD|\$)$/gi, '').replace(/[\s\u00a0]/g, '');
  t = decimalComma ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (/^\d+(?:\.\d{1,2})?$/.test(t)) return Number(t);
  return `${JSON.stringify(raw.trim().slice(0, 20))} is not an amount in dollars`;
}
