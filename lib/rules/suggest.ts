import type { Finding } from '../model';
import { finding, shorten, type Context, type Item } from './context';
import type { RuleData } from './data';
import { codeFacts, type CodeFacts } from './suggestions/catalog-facts';
import { decide, leader, type Decision } from './suggestions/decide';
import type { Evidence } from './suggestions/evidence';
import { lexicon, type Lexicon } from './suggestions/lexicon';
import { readLine, type Reading } from './suggestions/read';

// The intervention's own words against its code (lib/rules/suggestions/, phrase tables in
// phrases.json). A suggestion is a prompt to check, never a verdict: it names the words that led there.

export interface TextHint {
  code: string;
  words: string[];
  source: string;
}

/** The code a text points to most clearly, if one code clearly leads (for a line with no code). */
export function suggestFromText(data: RuleData, text: string): TextHint | undefined {
  const best = leader(readLine(text, lexicon(), codeFacts(data).concurrent));
  return best && { code: best.code, words: best.words, source: lexicon().sourceOf(best.code, best.topKind) };
}

// An export repeats the same few descriptions across thousands of visits, and reading one is a
// pure function of its text and the rule data (the lexicon is built once from phrases.json),
// as is the decision for a code and discipline: each is worked out once per rule data. Bounded
// (cleared when full), so a file of all-different texts cannot grow it without end.
const CACHE_MAX = 4096;

/** A description's reading, and the decision for each code and visit discipline seen with it. */
interface Line {
  reading: Reading;
  /** By "code discipline"; null: nothing to say. */
  decisions: Map<string, Decision | null>;
}

interface TextCache {
  lex: Lexicon;
  lines: Map<string, Line>;
  documented: Map<string, boolean>;
}
const textCaches = new WeakMap<RuleData, TextCache>();

function textCache(data: RuleData, lex: Lexicon): TextCache {
  let cache = textCaches.get(data);
  if (!cache || cache.lex !== lex) textCaches.set(data, (cache = { lex, lines: new Map(), documented: new Map() }));
  return cache;
}

function remember<V>(map: Map<string, V>, key: string, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    if (map.size >= CACHE_MAX) map.clear();
    map.set(key, value);
  }
  return value;
}

/** The line's reading, once per text (it depends on the text and the rule data only: cached per data, textCache). */
const lineOnce = (ctx: Context, lex: Lexicon, facts: CodeFacts, label: string): Line =>
  remember(textCache(ctx.data, lex).lines, label, () => ({ reading: readLine(label, lex, facts.concurrent), decisions: new Map() }));

/** {@link decide} on the line's {@link readLine}, once per text, code and discipline (Readings and Decisions are only read after, never changed). */
function decideOnce(ctx: Context, lex: Lexicon, facts: CodeFacts, code: string, label: string): Decision | undefined {
  const line = lineOnce(ctx, lex, facts, label);
  return remember(line.decisions, `${code} ${ctx.discipline ?? ''}`, () => decide(code, line.reading, facts, ctx.discipline) ?? null) ?? undefined;
}

/** Whether the description names a body region, target or purpose (any documentation term), once per text. */
const namesDocumentation = (data: RuleData, item: Item): boolean => remember(textCache(data, lexicon()).documented, item.entry.label!, () => data.documentationAny.test(item.words));

const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

/**
 * A line that says its minutes are the time after the first unit ("each addl 15 min", "add-on",
 * "unit 2", "second 15-min block", "remaining 20 min", "beyond the initial unit"): a service with an
 * add-on code (97129 → 97130, catalog.json addOnTo) is shown as the add-on, the code for that time.
 */
const ADDED_TIME =
  /\b(?:(?:each\s+)?add(?:itional|itonal|'l|l)\.?\s+(?:\d|unit|time|min|block)|add-?on\b|unit\s*(?:#\s*)?2\b|(?:2nd|second|3rd|third)(?:\s+and\s+(?:3rd|third))?\s+(?:15|unit|block)|remaining\s+\d+\s*min|\d+\s+more\s+min|(?:beyond|after)\s+(?:the\s+)?(?:first|initial|intial)\s+(?:15|unit))/i;

/**
 * A line that names its payer as another than Medicare ("BCBS pt", "Aetna", "work comp", "commercial
 * ins", "auto claim", "not Medicare", "payer does not accept G code"). On a visit with no payer of
 * its own (checked as Medicare by default) that payer's code is shown (97014, not Medicare's G0283,
 * for unattended e-stim: catalog.json nonMedicare). A visit's own payer always stands: a Medicare
 * patient's line often names a supplement ("BCBS secondary"), and Medicare primary bills G0283.
 */
export const NON_MEDICARE_PAYER =
  /\b(?:non|not)[\s-]*(?:medicare|CMS)\b|\bBCBS\b|\bblue\s*cross\b|\baetna\b|\bcigna\b|\bUHC\b|\bunited\s*health\s*care\b|\bhumana\b|\bwork(?:er)?s?'?\s*comp(?:ensation)?\b|\bcommercial\s+(?:plan|ins\w*|payer|pt|patient|carrier)\b|\bauto(?:mobile)?\s*(?:\(PIP\)\s*)?(?:claim|insurance|ins)\b|\bno[\s-]fault\b|\bnot\s+accept\s+(?:the\s+)?G[\s-]?code/i;

/** Whether the line's service is billed to Medicare: the visit's payer; with none on the visit, not when the line names another. */
const medicareFor = (ctx: Context, label: string): boolean => ctx.medicare && !(!ctx.visit.payer?.trim() && NON_MEDICARE_PAYER.test(label));

function findingFor(ctx: Context, item: Item, label: string, d: Decision): Finding {
  const cat = ctx.data.catalog;
  const code = item.code!;
  const facts = codeFacts(ctx.data);
  const medicare = medicareFor(ctx, label);
  const show = (e: Evidence) => {
    const addOn = facts.addOn(e.code);
    return facts.forPayer(addOn && addOn !== code && ADDED_TIME.test(label) ? addOn : e.code, medicare);
  };
  const name = (c: string) => cat.get(c)?.name ?? c;
  const lower = (c: string) => name(c).toLowerCase();
  const cite = (e: Evidence) => `phrases.json row ${e.code} ${e.topKind} (${lexicon().sourceOf(e.code, e.topKind)})`;
  // Its own code's words that the line says were not done ("MT deferred").
  const notDone = d.own?.notDone.length ? ` The line says ${quoted(d.own.notDone.map((n) => n.phrase))} was not done today ("${d.own.notDone[0]!.cue}").` : '';
  if (d.kind === 'suggest' && d.among) {
    // One evaluation service whose level the words do not say: name the service, not a level.
    const codes = d.among.map(show);
    const list = `${codes.slice(0, -1).join(', ')} or ${codes[codes.length - 1]}`;
    return finding('code.suggest', 'warning', [code, ...codes], `"${label}" is coded ${code} (${name(code)}), but its words ${quoted(d.to.words)} describe another evaluation service (${list}, by complexity).${notDone}`, `If that is what was done, code it at the complexity you judged from the history, examination, presentation and decision making; if ${code} is right, say in the note what made it ${lower(code)}.`, cite(d.to), [item], { headline: shorten(`${code} → ${list}? "${d.to.words[0]}" suggests it`) });
  }
  if (d.kind === 'suggest') {
    const to = show(d.to);
    return finding('code.suggest', d.soft ? 'info' : 'warning', [code, to], `"${label}" is coded ${code} (${name(code)}), but its words ${quoted(d.to.words)} describe ${lower(to)} (${to}).${notDone}`, `If that is what was done, code ${to}; if ${code} is right, say in the note what made it ${lower(code)}.`, cite(d.to), [item], { headline: shorten(`${code} → ${to}? "${d.to.words[0]}" suggests it`) });
  }
  const [a, b] = d.services;
  const [ca, cb] = [show(a), show(b)];
  const both = `${quoted(a.words)} (${lower(ca)}, ${ca}) and ${quoted(b.words)} (${lower(cb)}, ${cb})`;
  const source = `${cite(a)}; ${cite(b)}; CPM Pub. 100-04 Ch. 5 §20.2 (each service's minutes under its own code)`;
  if (d.severity === 'info') {
    // A note: the line's own service comes first, the other one second (decide.ts).
    const other = cb;
    return finding('code.suggest', 'info', [code, other], `"${label}" names two services: ${both}.`, `If both were done, chart ${other} on its own line with its own minutes; if only ${code} was done, say so in the note.`, source, [item], { headline: shorten(`${code}: the line also names ${other}`) });
  }
  return finding('code.suggest', 'warning', [code, ca, cb], `"${label}" is coded ${code} (${name(code)}), but its words name two other services: ${both}.${notDone}`, `Code each service that was done on its own line with its own minutes; if ${code} is right, say in the note what made it ${lower(code)}.`, source, [item], { headline: shorten(`${code} → ${ca} + ${cb}? The line names both`) });
}

export function checkSuggestions(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const facts = codeFacts(ctx.data);
  const lex = lexicon();
  for (const item of ctx.items) {
    const label = item.entry.label?.trim();
    if (!item.code || !label || !lex.codes.has(facts.canonical(item.code))) continue;
    const d = decideOnce(ctx, lex, facts, item.code, label);
    // A note to chart a second service on its own line says nothing to a payer that never pays
    // that service apart (Medicare status B: hot/cold packs, 97010, bundled; catalog.json): the
    // line's own code stands either way, so stay quiet. (The visit's payer here, not a payer the line
    // names: a hot pack beside a commercial payer's e-stim is no second service to chart either.)
    if (d?.kind === 'two-services' && d.severity === 'info' && ctx.medicare && ctx.data.catalog.get(d.services[1].code)?.medicare?.status === 'bundled') continue;
    if (d) out.push(findingFor(ctx, item, label, d));
    else {
      const note = addedTimeNote(ctx, item, label, lineOnce(ctx, lex, facts, label).reading);
      if (note) out.push(note);
    }
  }
  return out;
}

/**
 * The line's own service, coded with its first-unit code, while its words say these minutes follow
 * the first unit ("each addl 15 min cog tx", "unit 2"): a note that the add-on code counts that time
 * (catalog.json addOnTo: 97130 is each additional 15 minutes of 97129). A note, not a warning: the
 * words say what the minutes are, the claim's other lines say whether the first unit is billed too.
 */
function addedTimeNote(ctx: Context, item: Item, label: string, reading: Reading): Finding | undefined {
  const code = item.code!;
  const addOn = codeFacts(ctx.data).addOn(code);
  const own = reading.evidence.get(code);
  if (!addOn || !ADDED_TIME.test(label) || !own?.strong.length) return undefined;
  const name = (c: string) => ctx.data.catalog.get(c)?.name ?? c;
  const cite = `catalog.json ${addOn} (add-on to ${code}); phrases.json row ${code} ${own.topKind} (${lexicon().sourceOf(code, own.topKind)})`;
  return finding(
    'code.suggest',
    'info',
    [code, addOn],
    `"${label}" is coded ${code} (${name(code)}), and its words say these minutes follow the first unit: ${addOn} is the code for that time (${name(addOn)}).`,
    `If these are the minutes after the first ${code} unit, code them ${addOn}; if they are the first unit, say so in the note.`,
    cite,
    [item],
    { headline: shorten(`${code}: added time is ${addOn}?`) },
  );
}

export function checkDocumentation(ctx: Context): Finding[] {
  const source = `phrases.json documentation terms (${ctx.data.documentation[0]?.source ?? ''})`;
  // Only free text that exists can be thin; a form without a description field says nothing.
  // Thin only when it names neither a region or target nor a purpose (any term of the three kinds).
  const thin = ctx.items.filter((item) => item.row?.kind === 'timed' && item.entry.label !== undefined && !namesDocumentation(ctx.data, item));
  if (!thin.length) return [];
  const action = 'Say in the note which body region or function was treated and the goal (e.g. "step-ups, R knee, to improve stair climbing").';
  const why = 'Auditors look for what was treated, why, and the progress made.';
  const name = (item: (typeof thin)[number]) => item.entry.label!.trim();
  if (thin.length === 1) {
    const item = thin[0]!;
    return [finding('documentation.thin', 'info', [item.code!], name(item) ? `"${name(item)}" names no body region or target and no purpose. ${why}` : `${item.code} has no description of what was done.`, action, source, [item], { headline: `${item.code}: say the body region and purpose` })];
  }
  // One finding for the visit, not one per line: the same advice twenty times hides the rest.
  const shown = thin.slice(0, 4).map((item) => (name(item) ? `"${name(item)}"` : `${item.code} (no description)`));
  const more = thin.length > shown.length ? ` and ${thin.length - shown.length} more` : '';
  return [finding('documentation.thin', 'info', [...new Set(thin.map((item) => item.code!))], `${thin.length} lines name no body region or target and no purpose: ${shown.join(', ')}${more}. ${why}`, action, source, thin, { headline: `${thin.length} lines: say the body region and purpose` })];
}
