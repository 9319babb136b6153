import type { PhraseSpan } from '../data/phrase-index';
import { isStrong, type ContextCue, type Lexicon, type PhraseEntry } from './lexicon';
import type { Token } from './tokens';

// Which of a line's phrases describe a service done today, and which only name a goal, another
// service before it, or a service not done (declined, deferred, held, last visit, next session).
// CPM Pub. 100-04 Ch. 5 §20.3: only the time a service is actually delivered is billed, so a
// service the line says was not done is no evidence for its code.

export interface Marked {
  span: PhraseSpan<PhraseEntry>;
  /** The words that say it was not done today ("declined", "last visit"), when they do. */
  notDone?: string;
  /** It follows a goal word ("for balance", "to improve gait"): the reason, not the service. */
  goal: boolean;
  /** It follows "before"/"prior to", "with"/"during": a service or tool around this one, not this one. */
  around: boolean;
  /** Of those, it follows "before"/"prior to": another service, at another time. */
  before: boolean;
  /** It follows "with"/"during" but names a service given at the same time ("IFC with ice pack"). */
  alongside: boolean;
}

/** How far after "no"/"for"/"before" the words it governs may start. */
const NEGATION_REACH = 2;
const GOAL_REACH = 3;

const CHAIN = new Set(['or', 'and', 'nor']);
/** "strength held 5 sec" is a hold, not a held service. */
const HOLD = new Set(['held', 'hold', 'on hold']);
/** A time just before "hold" ("5 sec hold", "30s holds", "10x5 hold"): how long a position is held. */
const DURATION = /^(\d+(x\d+)?(s|sec|secs)?|s|sec|secs|second|seconds|min|mins|minute|minutes)$/;
/** Words after "held" that say where something was held ("held in place", "held on knee"). */
const HELD_THERE = new Set(['in', 'on', 'against', 'over', 'under', 'onto']);
/** "same as last visit", "progressed from last session": done today too. */
const LIKE = new Set(['as', 'than', 'since', 'from', 'per', 'same']);

/** A date at word `i` ("10/3", "11/20/26"): month and day joined by a slash. */
const isDate = (tokens: readonly Token[], i: number) =>
  /^\d{1,2}$/.test(tokens[i]?.lower ?? '') && tokens[i + 1]?.gap === 'join' && /^\d{1,2}$/.test(tokens[i + 1]!.lower);

export interface CueSpan {
  start: number;
  end: number;
  kind: ContextCue;
  text: string;
}

function exactOk(tokens: readonly Token[], entry: PhraseEntry, start: number, end: number): boolean {
  if (entry.neutral) return true;
  return entry.cues.some((c) => !c.exact || (c.exact.length === end - start && c.exact.every((w, k) => !w || tokens[start + k]!.raw === w)));
}

/** The line's phrases (abbreviations checked for capitals) and the context words around them. */
export function findSpans(lex: Lexicon, tokens: readonly Token[]): { spans: PhraseSpan<PhraseEntry>[]; cues: CueSpan[] } {
  const lower = tokens.map((t) => t.lower);
  const spans = lex.phrases.spans(lower, (entry, start, end) => exactOk(tokens, entry, start, end));
  const taken = new Set<number>();
  for (const s of spans) for (let k = s.start; k < s.end; k++) taken.add(k);
  // "at eval", "at initial eval", "at SOC": a time, the visit named being another one, read whole
  // over the service's name (not "AT eval", the athletic trainer's). Other context words give way to phrases.
  const covers = (c: { start: number; end: number }) => spans.every((s) => s.end <= c.start || s.start >= c.end || (s.start >= c.start && s.end <= c.end && s.end - s.start < c.end - c.start));
  const atVisit = (c: { start: number; end: number; key: string; value: ContextCue }) => c.value === 'history' && c.key.startsWith('at ') && tokens[c.start]!.raw !== 'AT' && covers(c);
  const free = lex.context.spans(lower).filter((c) => {
    if (atVisit(c)) return true;
    for (let k = c.start; k < c.end; k++) if (taken.has(k)) return false;
    return true;
  });
  // A symptom's words: a "no" just before them or a "declined" just after them is about the symptom.
  const symptomStarts = new Set(free.filter((c) => c.value === 'symptom').map((c) => c.start));
  const symptomEnds = new Set(free.filter((c) => c.value === 'symptom').map((c) => c.end));
  const cues: CueSpan[] = [];
  for (const c of free) {
    if (c.value === 'symptom') continue;
    const text = tokens.slice(c.start, c.end).map((t) => t.raw).join(' ');
    const next = lower[c.end];
    const after = next === 'for' || next === 'x' || next === 'at' ? lower[c.end + 1] : next;
    const before = lower[c.start - 1];
    // "held 30 sec", "5 sec hold", "10x5 holds": a position held for a time, not a service held.
    if (c.value === 'not-done' && HOLD.has(c.key) && ((after !== undefined && /^\d/.test(after)) || (before !== undefined && DURATION.test(before)))) continue;
    // "cold pack held in place", "held on knee with a wrap", "held against the skin": held there, not withheld.
    if (c.value === 'not-done' && c.key === 'held' && next !== undefined && HELD_THERE.has(next)) continue;
    // "no pain with TherEx", "no LOB during gait": the service was done.
    if (c.value === 'not-done-before' && symptomStarts.has(c.end)) continue;
    // "pain declined": less pain, not a refused service.
    if (c.value === 'not-done' && c.key.startsWith('decline') && symptomEnds.has(c.start)) continue;
    if (c.value === 'history' && before && LIKE.has(before)) continue;
    // "eval done 10/3": done on a date, another visit's (not "TherEx done x 15 min").
    if (c.value === 'history' && c.key === 'done' && !isDate(tokens, c.end)) continue;
    // "Prior: IFC", "prior, eval": a heading for what was done before; not "prior level of function".
    if (c.value === 'history' && c.key === 'prior' && (c.end >= tokens.length || tokens[c.end]!.gap === 'none')) continue;
    cues.push({ start: c.start, end: c.end, kind: c.value, text });
  }
  return { spans: spans.filter((s) => !s.value.neutral), cues };
}

/**
 * Each phrase of the line, marked as not done, a goal, or a service or tool around this one.
 * `concurrent` says which codes may share the same minutes with another service (NCCI Ch. XI
 * §P.2: the supervised modalities): a name only they have, after "with"/"during" ("IFC with ice
 * pack", "traction with hot pack"), is a second service given at the same time, not a tool.
 */
export function markSpans(tokens: readonly Token[], spans: readonly PhraseSpan<PhraseEntry>[], cues: readonly CueSpan[], concurrent?: (code: string) => boolean): Marked[] {
  // Segments: a clause or a comma ends one, so does "but"/"then"/"today", and so does "and" next
  // to a word saying a service was done ("pt declined ice | and performed TherEx").
  const starts = new Set<number>();
  for (const c of cues) {
    if (c.kind === 'break') starts.add(c.start);
    if (c.kind === 'done') {
      if (c.start > 0 && CHAIN.has(tokens[c.start - 1]!.lower)) starts.add(c.start - 1);
      if (c.end < tokens.length && CHAIN.has(tokens[c.end]!.lower)) starts.add(c.end + 1);
    }
  }
  const segment: number[] = [];
  let seg = 0;
  tokens.forEach((t, i) => {
    if (i > 0 && (t.gap === 'clause' || t.gap === 'comma' || starts.has(i))) seg++;
    segment.push(seg);
  });
  const marked: Marked[] = spans.map((span) => ({ span, goal: false, around: false, before: false, alongside: false }));
  /** No clause or comma between the end of a cue (`from`) and the start of a phrase (`to`). */
  const openBetween = (from: number, to: number) => {
    for (let k = from; k <= to && k < tokens.length; k++) if (tokens[k]!.gap === 'clause' || tokens[k]!.gap === 'comma') return false;
    return true;
  };
  for (const cue of cues) {
    if (cue.kind === 'not-done' && tokens[cue.start]!.gap === 'comma' && !marked.some((m) => segment[m.span.start] === segment[cue.start])) {
      // "tendon glides left as HEP (not done in clinic)": a bracket or a comma part that only says
      // "not done" is about what came just before it.
      for (const m of marked) if (!m.notDone && segment[m.span.start] === segment[cue.start]! - 1) m.notDone = cue.text;
    } else if (cue.kind === 'not-done' || cue.kind === 'history') {
      // A heading before a colon is not what the words after it put in the past ("PT re-eval: pt
      // fell at home last wk"); a heading's own history word governs what follows it ("Prior: IFC").
      // Past a colon, only a history word that is the heading itself ("Prior:", "Last visit:") reaches
      // ("s/p TKA 3 wks ago: gait training" is today's gait).
      const colonBetween = (from: number, to: number) => tokens.slice(from, to + 1).some((t) => t.colon);
      const opens = cue.start === 0 || segment[cue.start - 1] !== segment[cue.start];
      const heading = (m: Marked) =>
        cue.kind === 'history' && (m.span.end <= cue.start ? colonBetween(m.span.end, cue.start) : !opens && m.span.start >= cue.end && colonBetween(cue.end, m.span.start));
      for (const m of marked) if (!m.notDone && segment[m.span.start] === segment[cue.start] && !heading(m)) m.notDone = cue.text;
    } else if (cue.kind === 'home') {
      // "ice at home", "TENS unit for home use": a supervised modality the patient gives themself
      // is no service of this visit (exercise "at home" is still a program taught today).
      for (const m of marked) {
        if (m.notDone || segment[m.span.start] !== segment[cue.start] || !concurrent) continue;
        if (m.span.value.cues.every((c) => concurrent(c.code))) m.notDone = cue.text;
      }
    } else if (cue.kind === 'not-done-before') {
      // "s/p clinical swallow eval": status post the service named right after it ("s/p TKA, gait" is a surgery).
      const reach = cue.text.toLowerCase().replace(/\W/g, '') === 'sp' ? 0 : NEGATION_REACH;
      let i = marked.findIndex((m) => m.span.start >= cue.end && m.span.start <= cue.end + reach && openBetween(cue.end, m.span.start));
      while (i >= 0 && i < marked.length) {
        const m = marked[i]!;
        m.notDone ??= cue.text;
        const next = marked[i + 1];
        if (!next) break;
        const between = tokens.slice(m.span.end, next.span.start);
        const gapsOk = tokens.slice(m.span.end, next.span.start + 1).every((t) => t.gap === 'none' || t.gap === 'join');
        if (!gapsOk || !between.every((t) => CHAIN.has(t.lower))) break;
        i++;
      }
    } else if (cue.kind === 'purpose' || cue.kind === 'sequence' || cue.kind === 'setting') {
      for (const m of marked) {
        if (m.span.start < cue.end || m.span.start > cue.end + GOAL_REACH || !openBetween(cue.end, m.span.start)) continue;
        // E-stim "with"/"during" a service is attended e-stim (its words point to 97032 too): a tool.
        if (cue.kind === 'setting' && concurrent && m.span.value.cues.some((c) => isStrong(c.kind)) && m.span.value.cues.every((c) => concurrent(c.code))) {
          m.alongside = true;
          continue;
        }
        if (cue.kind === 'purpose') m.goal = true;
        else {
          m.around = true;
          if (cue.kind === 'sequence') m.before = true;
        }
      }
      // A goal goes on through "and", "or", "/" to the next goal word, a region word between
      // allowed ("for improved posture and shoulder ROM", "to improve strength/endurance").
      if (cue.kind === 'purpose') {
        let last = marked.filter((m) => m.goal && m.span.start >= cue.end && m.span.start <= cue.end + GOAL_REACH).at(-1);
        while (last) {
          const from = last.span.end;
          const next = marked.find((n) => n.span.start >= from);
          if (!next || next.goal || next.span.start - from > 2 || !openBetween(from, next.span.start)) break;
          const joined = next.span.start === from ? tokens[from]!.gap === 'join' : CHAIN.has(tokens[from]!.lower);
          if (!joined || !next.span.value.cues.every((c) => c.kind === 'intent')) break;
          next.goal = true;
          last = next;
        }
      }
    }
  }
  return marked;
}
