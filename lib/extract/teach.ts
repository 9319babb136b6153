// Teach mode (issue 3): from the fields a user clicked in one row of a visit form, work out a
// site profile: a selector for every row like that one, and selectors for each field relative
// to its row, chosen so they also find the same fields in the other rows.
//
// Runs in the content script: no zod. Reads the DOM only. The profile holds structure only, never
// what the page says: tags, ARIA roles, positions, and ids, classes and attribute values only
// when every word in them is a billing/form word (selector-vocabulary.ts), as an EHR may put the
// patient's name in any of them (aria-label="Insurance of DOE, JANE", id="chart-Doe-Jane"). Digits
// are skipped too, as those are usually row numbers or record ids; no text content is ever used.

import { detectRows, type Root } from './detect';
import { isControl } from './fields';
import { checkProfile, type ProfileFields, type ProfileVisit, type SiteProfile } from './profile';
import { ARIA_ROLES, isSafeAttribute, isSafeIdentifier, isSafeValue, unsafeSelectorParts } from './selector-vocabulary';

export type TeachRowRole = 'label' | 'code' | 'minutes' | 'units' | 'modifiers';
export type TeachVisitRole = 'payer' | 'dateOfService';

export interface Picks {
  row: Partial<Record<TeachRowRole, Element>>;
  visit: Partial<Record<TeachVisitRole, Element>>;
}

export type Taught =
  | { ok: true; profile: SiteProfile; /** Rows the new profile reads on this page. */ rows: number }
  | { ok: false; error: string };

/** How far up from the clicked fields a row is looked for. */
const MAX_ROW_DEPTH = 10;
const STOP_TAGS = new Set(['body', 'html', 'form', 'main']);
// Classes that say what state an element is in, or are generated per build, not what it is.
const UNSTABLE_CLASS = /\d|^(active|selected|focus(ed)?|hover(ed)?|open|closed|odd|even|first|last|dirty|pristine|touched|untouched|valid|invalid|error|disabled|readonly|hidden|visible|(is|has|ng|css|sc|jss|emotion|svelte)-.*)$/i;

function parentOf(el: Element): Element | null {
  return el.parentElement;
}

/** The field a click on `el` means: the control itself, a label's control, or the element. */
export function fieldAt(el: Element): Element {
  if (isControl(el)) return el;
  const editable = el.closest('[contenteditable]:not([contenteditable="false"])');
  if (editable) {
    // The outermost editable: a contenteditable inside another one is part of it.
    let top = editable;
    for (let p = top.parentElement?.closest('[contenteditable]:not([contenteditable="false"])'); p; p = p.parentElement?.closest('[contenteditable]:not([contenteditable="false"])')) top = p;
    return top;
  }
  const label = el.closest('label');
  if (label) {
    const forId = label.getAttribute('for');
    const target = forId ? (label.getRootNode() as Document | ShadowRoot).getElementById?.(forId) : label.querySelector('input, select, textarea');
    if (target) return target;
  }
  // An option's select (a click on an open list lands on the option).
  const select = el.closest('select');
  if (select) return select;
  return el;
}

function ident(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`).replace(/^(-?\d)/, '\\3$1 ');
}

function quoted(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

function stableClasses(el: Element): string[] {
  return Array.from(el.classList).filter((c) => c.length <= 40 && !UNSTABLE_CLASS.test(c));
}

/** Classes a selector may name: stable ones made of billing/form words only. */
function safeClasses(el: Element): string[] {
  return stableClasses(el).filter(isSafeIdentifier);
}

function stableId(el: Element): string | undefined {
  const id = el.getAttribute('id');
  return id && isSafeIdentifier(id) ? id : undefined;
}

/** `tr.line[role="row"]`: the element's tag, the given classes and its ARIA role. */
function compound(el: Element, classes = safeClasses(el)): string {
  const role = el.getAttribute('role');
  return `${el.localName}${classes.map((c) => `.${ident(c)}`).join('')}${role && ARIA_ROLES.has(role) ? `[role=${quoted(role)}]` : ''}`;
}

/** Attribute selectors an element could be found by in any row: billing/form words, no digits. */
function attributeSelectors(el: Element): string[] {
  const tag = el.localName;
  const out: string[] = [];
  const name = el.getAttribute('name');
  if (name && name.length <= 80) {
    if (!/\d/.test(name)) {
      if (isSafeValue(name)) out.push(`${tag}[name=${quoted(name)}]`);
    } else {
      // rows[3].minutes, min-3, mod1-97530: keep what is around the numbers.
      const prefix = /^\D+/.exec(name)?.[0] ?? '';
      const suffix = /\D+$/.exec(name)?.[0] ?? '';
      const parts = [prefix.length >= 2 && isSafeValue(prefix) ? `[name^=${quoted(prefix)}]` : '', suffix.length >= 2 && isSafeValue(suffix) ? `[name$=${quoted(suffix)}]` : ''].join('');
      if (parts) out.push(`${tag}${parts}`);
    }
  }
  const classes = safeClasses(el);
  for (const c of classes) out.push(`${tag}.${ident(c)}`);
  if (classes.length > 1) out.push(compound(el, classes));
  for (const attr of Array.from(el.attributes)) {
    const a = attr.name;
    const usable = (a.startsWith('data-') && !/^data-(reactid|v-|testid-\d)/.test(a)) || a === 'aria-label' || a === 'placeholder' || a === 'title' || a === 'itemprop' || a === 'headers';
    if (usable && attr.value && attr.value.length <= 60 && isSafeAttribute(a, attr.value)) out.push(`${tag}[${a}=${quoted(attr.value)}]`);
  }
  return out;
}

/** `td:nth-child(3) > input`: the path from just below `ancestor` down to `el`. */
function structuralPath(el: Element, ancestor: Element | Document | ShadowRoot): string | undefined {
  const steps: string[] = [];
  for (let at: Element | null = el; at && at !== ancestor; at = parentOf(at)) {
    const parent = at.parentElement ?? at.parentNode;
    if (!parent) return undefined;
    const index = Array.from((parent as ParentNode).children).indexOf(at) + 1;
    steps.unshift(`${at.localName}:nth-child(${index})`);
    if (parent === ancestor) break;
    if (steps.length > 12) return undefined;
  }
  return steps.join(' > ');
}

/** Whether a selector holds structure only: the one gate every candidate goes through. */
function structural(selector: string): boolean {
  return unsafeSelectorParts(selector).length === 0;
}

function matches(scope: ParentNode, selector: string): Element[] {
  try {
    return Array.from(scope.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/**
 * The selector, relative to a row, that finds `el` in `row` and the same kind of field in the
 * most other rows. For modifiers, one that also finds the row's other modifier fields.
 */
function fieldSelector(el: Element, row: Element, others: readonly Element[], avoid: readonly Element[], many: boolean): string | undefined {
  const candidates = [...attributeSelectors(el)];
  const path = structuralPath(el, row);
  if (path) candidates.push(path);
  let best: { sel: string; score: number } | undefined;
  for (const sel of candidates.filter(structural)) {
    const inRow = matches(row, sel);
    if (many ? !inRow.includes(el) || inRow.some((m) => avoid.includes(m)) : inRow[0] !== el) continue;
    // Found in the most rows; then, for one field, the selector that names only it in its row.
    const score = others.filter((o) => matches(o, sel).length > 0).length * 10 + (many ? Math.min(inRow.length, 9) : inRow.length === 1 ? 1 : 0);
    if (!best || score > best.score) best = { sel, score };
  }
  return best?.sel;
}

/** Siblings of `el` that look like it: same tag, sharing a class when it has any, not header rows. */
function similarSiblings(el: Element): Element[] {
  const parent = el.parentElement ?? (el.parentNode as ParentNode | null);
  if (!parent) return [];
  const classes = stableClasses(el);
  return Array.from(parent.children).filter(
    (s) =>
      s !== el &&
      s.localName === el.localName &&
      (classes.length === 0 || stableClasses(s).some((c) => classes.includes(c))) &&
      !(s.localName === 'tr' && (s.parentElement?.localName === 'thead' || (s.children.length > 0 && Array.from(s.children).every((c) => c.localName === 'th')))),
  );
}

function lowestCommonAncestor(els: readonly Element[]): Element | null {
  let at: Element | null = els[0]!;
  while (at && !els.every((e) => at!.contains(e))) at = parentOf(at);
  return at;
}

interface RowChoice {
  row: Element;
  others: Element[];
  fields: Partial<Record<TeachRowRole, string>>;
}

function fieldsFor(row: Element, others: Element[], picks: Picks['row']): Partial<Record<TeachRowRole, string>> | undefined {
  const fields: Partial<Record<TeachRowRole, string>> = {};
  const picked = Object.values(picks) as Element[];
  for (const [role, el] of Object.entries(picks) as [TeachRowRole, Element][]) {
    const sel = fieldSelector(el, row, others, picked.filter((p) => p !== el), role === 'modifiers');
    if (!sel) return undefined;
    fields[role] = sel;
  }
  return fields;
}

const CELL = /^(td|th)$/;

/**
 * Whether the clicked fields sit in two different rows: below their common ancestor, they are
 * in two look-alike children that each hold both kinds of field (row 1's name, row 2's minutes).
 */
function fromDifferentRows(els: readonly Element[], common: Element): boolean {
  const childOf = (el: Element) => {
    let at = el;
    while (at.parentElement && at.parentElement !== common) at = at.parentElement;
    return at;
  };
  for (const a of els) {
    for (const b of els) {
      const ca = childOf(a);
      const cb = childOf(b);
      if (a === b || ca === cb || ca === a || cb === b) continue;
      if (CELL.test(ca.localName) || /cell/.test(ca.getAttribute('role') ?? '')) continue;
      if (ca.localName !== cb.localName || stableClasses(ca).join(' ') !== stableClasses(cb).join(' ')) continue;
      const pathA = structuralPath(a, ca);
      const pathB = structuralPath(b, cb);
      if (pathA && pathB && matches(cb, pathA).length > 0 && matches(ca, pathB).length > 0) return true;
    }
  }
  return false;
}

/** Walks up from the clicked fields to the element that repeats once per intervention. */
function chooseRow(picks: Picks['row']): RowChoice | { error: string } {
  const els = Object.values(picks) as Element[];
  const common = lowestCommonAncestor(els);
  if (!common) return { error: 'The fields you clicked are in separate parts of the page (different components or frames). Click fields of one row.' };
  if (fromDifferentRows(els, common)) return { error: 'The fields you clicked belong to different rows. Click the fields of one intervention row.' };
  let at: Element | null = els.includes(common) ? parentOf(common) : common;
  let firstWithoutSiblings: RowChoice | undefined;
  for (let depth = 0; at && depth < MAX_ROW_DEPTH && !STOP_TAGS.has(at.localName); depth++, at = parentOf(at)) {
    const siblings = similarSiblings(at);
    const fields = fieldsFor(at, siblings, picks);
    if (!fields) continue;
    const selectors = Object.values(fields);
    // A row's siblings are rows when most of the fields are found in them too.
    const others = siblings.filter((s) => selectors.filter((sel) => matches(s, sel).length > 0).length * 2 >= selectors.length);
    if (others.length > 0) return { row: at, others, fields: fieldsFor(at, others, picks) ?? fields };
    // A form with a single row: the nearest table row or list item, else the fields' parent.
    if (!firstWithoutSiblings || /^(tr|li)$/.test(at.localName) || at.getAttribute('role') === 'row') {
      if (!firstWithoutSiblings || !/^(tr|li)$/.test(firstWithoutSiblings.row.localName)) firstWithoutSiblings = { row: at, others: [], fields };
    }
  }
  return firstWithoutSiblings ?? { error: 'Unitwise could not find the row these fields belong to. Click fields of one intervention row.' };
}

/** A selector for `row` and the rows like it, and as little else as possible. */
function rowSelector(row: Element, others: readonly Element[]): string | undefined {
  const root = row.getRootNode() as Document | ShadowRoot;
  const group = [row, ...others];
  const common = safeClasses(row).filter((c) => others.every((o) => o.classList.contains(c)));
  const base = compound(row, common);
  // Most specific first: under an ancestor with a stable id, then under its parent, then alone.
  const candidates: string[] = [];
  const chains: string[] = [];
  let chain = base;
  for (let at = row.parentElement, depth = 0; at && depth < 6; at = at.parentElement, depth++) {
    const id = stableId(at);
    if (id) {
      candidates.push(`#${ident(id)} ${base}`, `#${ident(id)} ${chain}`);
      break;
    }
    chain = `${compound(at)} > ${chain}`;
    chains.push(chain);
  }
  candidates.push(...chains.slice(0, 1), base, ...chains.slice(1));
  const path = structuralPath(row, root);
  if (path) candidates.push(path.replace(/:nth-child\(\d+\)$/, ''));
  for (const sel of candidates.filter(structural)) {
    const found = matches(root, sel);
    if (!group.every((g) => found.includes(g))) continue;
    if (found.some((f) => f.localName !== row.localName || found.some((g) => g !== f && g.contains(f)))) continue;
    // A header row or two more is fine (they read as empty); other tables' rows are not.
    if (found.length > group.length + 2) continue;
    return sel;
  }
  return undefined;
}

/** A selector that finds exactly `el` on its page (visit-level facts: payer, date of service). */
function pageSelector(el: Element): string | undefined {
  const root = el.getRootNode() as Document | ShadowRoot;
  const id = stableId(el);
  const candidates = [...(id ? [`#${ident(id)}`] : []), ...attributeSelectors(el)];
  const path = structuralPath(el, root);
  if (path) candidates.push(path);
  return candidates.filter(structural).find((sel) => {
    const found = matches(root, sel);
    return found.length === 1 && found[0] === el;
  });
}

const ROLE_NAMES: Record<TeachRowRole | TeachVisitRole, string> = {
  label: 'intervention',
  code: 'code',
  minutes: 'minutes',
  units: 'units',
  modifiers: 'modifier',
  payer: 'payer',
  dateOfService: 'date of service',
};

/**
 * Builds a site profile from the fields a user clicked: at least two fields of one row (the
 * minutes and the code or intervention, say), optionally the payer and the date of service.
 * The profile is checked against the page: it must read the row the user taught.
 */
export function profileFromPicks(picks: Picks, page: { origin: string; name: string; root: Root; codes: ReadonlySet<string>; phrases: readonly string[] }): Taught {
  const rowPicks = Object.fromEntries(Object.entries(picks.row).filter(([, el]) => el)) as Picks['row'];
  const els = Object.values(rowPicks) as Element[];
  if (els.length < 2) return { ok: false, error: 'Click at least two fields of one row: its minutes, and its code or intervention.' };
  if (!rowPicks.minutes && !rowPicks.code && !rowPicks.label) return { ok: false, error: 'Click the minutes, the code or the intervention of a row: units and modifiers alone do not identify a line.' };
  if (new Set(els).size < els.length) return { ok: false, error: 'The same field was clicked for two different things. Click each field once.' };

  const choice = chooseRow(rowPicks);
  if ('error' in choice) return { ok: false, error: choice.error };
  for (const [role, el] of Object.entries(rowPicks) as [TeachRowRole, Element][]) {
    if (!choice.fields[role]) return { ok: false, error: `Unitwise could not find a way to point at the ${ROLE_NAMES[role]} field in every row.` };
    if (!choice.row.contains(el)) return { ok: false, error: `The ${ROLE_NAMES[role]} field is outside the row.` };
  }
  const rowSel = rowSelector(choice.row, choice.others);
  if (!rowSel) return { ok: false, error: 'Unitwise could not find a selector for the rows of this form.' };

  const visit: ProfileVisit = {};
  for (const [role, el] of Object.entries(picks.visit) as [TeachVisitRole, Element | undefined][]) {
    if (!el) continue;
    const sel = pageSelector(el);
    if (!sel) return { ok: false, error: `Unitwise could not find a way to point at the ${ROLE_NAMES[role]} field.` };
    visit[role] = sel;
  }

  // Structure only (see selector-vocabulary.ts): every candidate was checked; this is the proof
  // for the whole mapping, as the background refuses a taught one that is not.
  const selectors = [rowSel, ...Object.values(choice.fields), ...Object.values(visit)] as string[];
  if (!selectors.every(structural)) {
    return { ok: false, error: 'Unitwise could not map this form from its structure alone, without text from the page. Try clicking fields of another row.' };
  }

  const checked = checkProfile({
    version: 1,
    name: page.name,
    origin: page.origin,
    rowSelector: rowSel,
    fields: choice.fields as ProfileFields,
    ...(Object.keys(visit).length ? { visit } : {}),
  });
  if (!checked.ok) return { ok: false, error: `The mapping is not usable: ${checked.error}` };

  // The proof: the profile reads this page, including the row that was taught.
  const detection = detectRows(page.root, { profile: checked.profile, codes: page.codes, phrases: page.phrases });
  const root = choice.row.getRootNode() as Document | ShadowRoot;
  if (detection.source !== 'profile' || !matches(root, rowSel).includes(choice.row)) {
    return { ok: false, error: 'The mapping does not read back the row you clicked. Try clicking the fields again, or fields of another row.' };
  }
  return { ok: true, profile: checked.profile, rows: detection.rows.length };
}
