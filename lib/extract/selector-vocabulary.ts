// What a taught site mapping may say about a page: structure only. A mapping is stored in
// storage.local and exported as a file, so a selector built from whatever the EHR put in an
// element's attributes (aria-label="Insurance of DOE, JANE", class="pt-doe-jane",
// id="chart-Doe-Jane", name="doe_jane_minutes") would put patient data on disk. Teach mode
// (teach.ts) only emits tags, ARIA roles, input types, positions, and ids, classes and attribute
// values whose every word is in the fixed billing/form vocabulary below; the background checks
// a taught mapping again with unsafeSelectorParts before storing it (site-profiles.ts).
//
// A fixed list, not a filter for names: no list of names is complete, a list of the words billing
// forms use is. Words that are common given names (Bill) are left out. Pure and free of zod:
// it runs in the content script too.

const VOCABULARY: ReadonlySet<string> = new Set(
  [
    // Time and units
    'minutes minute min mins units unit qty quantity time times timed untimed total totals start end duration hours count',
    // Codes and lines
    'code codes cpt hcpcs proc procedure procedures mod mods modifier modifiers intervention interventions int service services svc',
    'description desc charge charges fee amount line lines item items entry entries billing claim',
    // Visit facts
    'payer insurance ins coverage cov plan date dos visit visits treatment treatments tx discipline therapy log flowsheet',
    'assistant asst',
    // Form and grid structure
    'row rows cell cells col cols column columns grid table list field fields input inputs value values val num nums number',
    'form label labels text control controls select option edit editor view data detail details group section panel card',
    'body header content container wrap wrapper inner main',
    // Glue words of labels ("Minutes for …", "Date of service")
    'of for the and per by or in',
  ].flatMap((s) => s.split(' ')),
);

/** WAI-ARIA 1.2 role names: a `[role=…]` value must be one of them. */
export const ARIA_ROLES: ReadonlySet<string> = new Set(
  (
    'alert alertdialog application article banner blockquote button caption cell checkbox code columnheader combobox complementary ' +
    'contentinfo definition deletion dialog directory document emphasis feed figure form generic grid gridcell group heading img ' +
    'insertion link list listbox listitem log main marquee math menu menubar menuitem menuitemcheckbox menuitemradio meter navigation ' +
    'none note option paragraph presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox ' +
    'separator slider spinbutton status strong subscript superscript switch tab table tablist tabpanel term textbox time timer ' +
    'toolbar tooltip tree treegrid treeitem'
  ).split(' '),
);

/** HTML input types: a `[type=…]` value must be one of them. */
export const INPUT_TYPES: ReadonlySet<string> = new Set(
  'button checkbox color date datetime-local email file hidden image month number password radio range reset search submit tel text time url week'.split(' '),
);

/** Attributes whose values may appear in a taught selector (when made of vocabulary words). */
const WORD_ATTRIBUTES: ReadonlySet<string> = new Set(['name', 'aria-label', 'title', 'placeholder', 'itemprop', 'headers']);

/** The words of an identifier or value: split on punctuation, spaces, digits and camelCase. */
export function wordsOf(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isVocabularyWord(word: string): boolean {
  return VOCABULARY.has(word.toLowerCase());
}

/**
 * Whether a value (an attribute value, or the part of one around its digits) may be stored: ASCII
 * letters and a few separators only, no digits (row numbers, record ids, dates), at least one word,
 * and every word in the vocabulary. Letters outside ASCII fail: "王芳" has no word to check.
 */
export function isSafeValue(value: string): boolean {
  if (value.length === 0 || value.length > 80 || !/^[A-Za-z _\-.,:/()[\]]+$/.test(value)) return false;
  const words = wordsOf(value);
  return words.length > 0 && words.every(isVocabularyWord);
}

/** Whether a class name or id may be stored: a plain CSS identifier made of vocabulary words. */
export function isSafeIdentifier(value: string): boolean {
  return /^[A-Za-z][A-Za-z_-]*$/.test(value) && value.length <= 40 && isSafeValue(value);
}

/** Whether an attribute's name may be stored: a known one, or `data-` and vocabulary words. */
export function isSafeAttributeName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'role' || n === 'type' || WORD_ATTRIBUTES.has(n)) return true;
  return /^data-[a-z][a-z_-]*$/.test(n) && isSafeValue(n.slice('data-'.length));
}

/** Whether `[name op value]` may be stored: roles and types from their lists, other values from the vocabulary. */
export function isSafeAttribute(name: string, value: string | undefined, op: string = '='): boolean {
  if (!isSafeAttributeName(name)) return false;
  if (value === undefined) return true;
  const n = name.toLowerCase();
  if (n === 'role') return op === '=' && ARIA_ROLES.has(value);
  if (n === 'type') return op === '=' && INPUT_TYPES.has(value.toLowerCase());
  return isSafeValue(value);
}

// ---------------------------------------------------------------------------------------------
// A tokenizer for the selector syntax teach.ts emits: compounds of a tag, classes, ids, attribute
// tests and :nth-* positions, joined by descendant or child (also sibling) combinators.
// Anything else (escapes, :not(), selector lists, case flags) is not parsed: it counts as unsafe.

export type UnsafePart = { kind: 'class' | 'id' | 'attribute' | 'pseudo' | 'syntax'; text: string };

const POSITION = /^:(?:(?:nth-child|nth-last-child|nth-of-type|nth-last-of-type)\(\s*(?:odd|even|[+-]?\d*n(?:\s*[+-]\s*\d+)?|[+-]?\d+)\s*\)|(?:first|last|only)-(?:child|of-type))/;
const TAG = /^(?:\*|[A-Za-z][A-Za-z0-9-]*)/;
const IDENT = /^-?[A-Za-z_][A-Za-z0-9_-]*/;
const ATTRIBUTE = /^\[\s*([A-Za-z_][A-Za-z0-9_-]*)\s*(?:([~|^$*]?=)\s*(?:"((?:[^"\\\n]|\\[^\n])*)"|'((?:[^'\\\n]|\\[^\n])*)'|(-?[A-Za-z_][A-Za-z0-9_-]*))\s*)?\]/;

/**
 * The parts of a selector a taught mapping may not hold, as `{kind, text}`. Empty when the
 * selector is structure only. `text` is what the page said: log the kind, not the text.
 */
export function unsafeSelectorParts(selector: string): UnsafePart[] {
  const out: UnsafePart[] = [];
  let rest = selector.trim();
  if (!rest) return [{ kind: 'syntax', text: selector }];
  let expectCompound = true;
  while (rest) {
    if (expectCompound) {
      const tag = TAG.exec(rest);
      let parts = 0;
      if (tag) {
        rest = rest.slice(tag[0].length);
        parts++;
      }
      for (;;) {
        let m: RegExpExecArray | null;
        if (rest.startsWith('.') && (m = IDENT.exec(rest.slice(1)))) {
          if (!isSafeIdentifier(m[0])) out.push({ kind: 'class', text: m[0] });
          rest = rest.slice(1 + m[0].length);
        } else if (rest.startsWith('#') && (m = IDENT.exec(rest.slice(1)))) {
          if (!isSafeIdentifier(m[0])) out.push({ kind: 'id', text: m[0] });
          rest = rest.slice(1 + m[0].length);
        } else if ((m = ATTRIBUTE.exec(rest))) {
          const raw = m[3] ?? m[4] ?? m[5];
          const value = raw?.replace(/\\(.)/g, '$1');
          if (!isSafeAttribute(m[1]!, value, m[2])) out.push({ kind: 'attribute', text: m[0] });
          rest = rest.slice(m[0].length);
        } else if ((m = POSITION.exec(rest))) {
          rest = rest.slice(m[0].length);
        } else if (rest.startsWith(':')) {
          return [...out, { kind: 'pseudo', text: rest }];
        } else break;
        parts++;
      }
      if (parts === 0) return [...out, { kind: 'syntax', text: rest }];
      expectCompound = false;
    } else {
      const combinator = /^(?:\s*[>+~]\s*|\s+)/.exec(rest);
      if (!combinator) return [...out, { kind: 'syntax', text: rest }];
      rest = rest.slice(combinator[0].length);
      expectCompound = true;
    }
  }
  if (expectCompound) out.push({ kind: 'syntax', text: selector });
  return out;
}
