import { WEIGHT, isStrong, type Cue, type Lexicon } from './lexicon';
import type { Marked } from './scope';
import type { Token } from './tokens';

// What a line's words say for each code: a score (the phrases' weights, each phrase once), the
// phrases that led there, and which of them name a service outright. Intent over equipment: a
// goal word for 97110/97112/97530 ("for balance", "for quad strength") outweighs the tool
// ("theraband", "ball"), unless the line names another service it is the goal of ("Hubbard tank
// for ROM"): then it only leans. Words after "for", "before", "with", "during" are the goal, a
// neighbouring service or the tool of the service the line names, and weigh little; when the
// line names no service elsewhere they are all it says, and weigh in full ("strategies for bathing").
// A service that contains others (aquatic, group, testing: phrases.json `includes`) takes their
// words as its own when the line names it: "squats in the pool" is aquatic therapy.

export interface Match {
  start: number;
  end: number;
  key: string;
  phrase: string;
  /** Every code the phrase points to ("PT eval" points to all three PT evaluation codes). */
  codes: ReadonlySet<string>;
  weight: number;
  kind: Cue['kind'];
  /** Named after "with"/"during" as a service given at the same time ("IFC with ice pack"). */
  alongside: boolean;
}

export interface Evidence {
  code: string;
  score: number;
  /** The phrases that count, in the order they appear, as phrases.json writes them. */
  words: string[];
  /** Phrases naming a service done today (a name or a technique, not a goal). */
  strong: Match[];
  /**
   * Phrases naming this service after "prior to"/"before"/"after" another one the line names ("HP
   * prior to mech traction"): done today too, in sequence. They weigh as a neighbour does, but when
   * the line is coded as this service they say the line names it (decide.ts: two services, a note).
   */
  sequenced: Match[];
  /** Activities and tools of this service said to be done today (not a goal, not beside another): where the line speaks of it without naming it. */
  doing: Match[];
  /** This code's phrases that the line says were not done today, with the words that say so. */
  notDone: { phrase: string; cue: string }[];
  /** The kind of the heaviest phrase, for citing its row. */
  topKind: Cue['kind'];
  /** A service the line names that contains this one (97113 for exercise in a pool). */
  subsumedBy?: string;
  /** Each counted phrase's weight and every code it points to. */
  keys: { key: string; weight: number; codes: ReadonlySet<string>; kind: Cue['kind'] }[];
  /** What its stated goals weigh ("for balance"): a goal, not a service said to be done. */
  goalScore: number;
  /** An intent word of its own said as what was done, not as a goal ("core strengthening"). */
  saidIntent: boolean;
  /** The line says its aim was not this code's ("motor control, not strength"). */
  aimDenied: boolean;
  /** Only intent words (and tools or generic words) speak for it: no name, technique or activity. */
  intentOnly: boolean;
}

/** Electrical stimulation set up and left (G0283), and attended (97032): "e-stim" may be either. */
const STIM_UNATTENDED = 'G0283';
const STIM_ATTENDED = '97032';

/** Words that say the stimulation was attended, and that part of it was not. */
const ATTENDED = /\b(attended|attendance|adjusting)\b/i;
const UNATTENDED = /\b(unattended|un attended)\b/;

/** Words that put one service after another in time ("group class, later 1:1 gait training"). */
const THEN = new Set(['then', 'followed', 'later', 'afterwards', 'afterward', 'separately']);

/** Gait training: walking for balance or endurance is chosen between by its goal, like exercise. */
const GAIT = '97116';

/**
 * A line that says no gait pattern work was done ("no deviations addressed", "no cues for pattern
 * needed", "no gait cueing needed", "no deviations noted", "pattern WNL"): its walking ("ambulated 300 ft for endurance") is
 * walking done, not gait trained, so it is an activity whose goal chooses the code, like exercise
 * (codingahead-97116: gait training is training the pattern; walking for endurance is exercise).
 */
const NO_GAIT_WORK =
  /\bno\s+(?:gait\s+)?(?:deviations?|cues?|cueing)(?:\s+(?:for|to)\s+(?:gait\s+)?pattern)?\s+(?:addressed|needed|given|required|provided|noted|observed|seen)\b|\bno\s+(?:gait\s+)?(?:deviations?|cues?|cueing)\s+(?:for|to)\s+(?:gait\s+)?pattern\b|\bpattern\s+WNL\b/i;
/** Gait training's names that only say the patient walked. */
const WALKED = new Set(['ambulation', 'ambulated', 'ambulate', 'ambulating', 'amb', 'walked']);

/** Mechanical traction, and manual therapy, whose "distraction" a traction table also gives (traction-mech-vs-manual). */
const MECHANICAL_TRACTION = '97012';
const MANUAL = '97140';

/** Wheelchair management: curbs and ramps taken in the wheelchair are its skills (wc-97542), not gait training. */
const WHEELCHAIR = '97542';
const KERB_OR_RAMP = /\b(?:curbs?|ramps?)\b/i;

/** The goal bonus: a stated goal weighs as much as a name and a bit more. */
const GOAL_WEIGHT = WEIGHT.intent + 2;

/**
 * Orthotic/prosthetic visits: the first encounter (97760, 97761) and every later one (97763). Words
 * that say which visit it is decide between them over what was done at it (a strap adjusted, a fit
 * checked, a new liner: done at the first visit and at later ones alike). Pabau 97760 and
 * MedPayIQ/ExpressMBS 97763 (sources.json pabau-97760, orthotic-followup-97763).
 */
export const FIRST_DEVICE_VISIT: readonly string[] = ['97760', '97761'];
export const LATER_DEVICE_VISIT: readonly string[] = ['97763'];
/** "Init" is the clinics' short form of initial ("Init orthotic encounter"). */
const FIRST_VISIT_ABBREVIATED = ['init', 'init orthotic encounter'];
const FIRST_VISIT_WORDS = new Set(['initial', 'initial encounter', 'initial visit', 'first visit', 'first encounter', 'initial fitting', 'first fitting', 'first session', '1st session', '1st visit', '1st encounter', '1st fitting', 'first time', 'first', '1st', ...FIRST_VISIT_ABBREVIATED]);
const LATER_VISIT_WORDS = new Set(['subsequent', 'subsequent encounter', 'subsequent visit', 'follow up', 'f u', '2nd encounter', 'second encounter', '2nd visit', 'second visit', 'ongoing', 'established user', 'existing', 'cont', 'cont d', '2nd', 'second']);

const cueOk = (tokens: readonly Token[], cue: Cue, start: number, end: number) =>
  !cue.exact || (cue.exact.length === end - start && cue.exact.every((w, k) => !w || tokens[start + k]!.raw === w));

/** Every phrase of `a` and of `b` have "then", "later"… between them: services done one after the other. */
export const inTurn = (tokens: readonly Token[], a: readonly Match[], b: readonly Match[]): boolean =>
  a.length > 0 && b.length > 0 && a.every((x) => b.every((y) => tokens.slice(Math.min(x.end, y.end), Math.max(x.start, y.start)).some((t) => THEN.has(t.lower))));

export function weigh(lex: Lexicon, tokens: readonly Token[], marked: readonly Marked[]): Map<string, Evidence> {
  const walkedOnly = NO_GAIT_WORK.test(tokens.map((t) => t.raw).join(' '));
  // A line that names wheelchair skills ("w/c skills: ramp ascent, curb negotiation") takes curbs and ramps in the chair.
  const inChair = marked.some((m) => !m.notDone && m.span.value.cues.some((c) => c.code === WHEELCHAIR && isStrong(c.kind)));
  // A line that names mechanical traction takes "distraction" as the table's pull, not a manual technique.
  const onTable = marked.some((m) => !m.notDone && m.span.value.cues.some((c) => c.code === MECHANICAL_TRACTION && isStrong(c.kind)));
  const asRead = (c: Cue): Cue => {
    if (onTable && c.code === MANUAL && c.phrase.toLowerCase() === 'distraction') return { ...c, code: MECHANICAL_TRACTION };
    if (c.code !== GAIT) return c;
    if (inChair && KERB_OR_RAMP.test(c.phrase)) return { ...c, code: WHEELCHAIR };
    return walkedOnly && c.kind === 'name' && WALKED.has(c.phrase.toLowerCase()) ? { ...c, kind: 'activity' } : c;
  };
  const cuesOf = (m: Marked) => m.span.value.cues.filter((c) => cueOk(tokens, c, m.span.start, m.span.end)).map(asRead);
  const said = (m: Marked) => !m.notDone && !m.goal && !m.around;
  const names = (m: Marked) => said(m) && cuesOf(m).some((c) => isStrong(c.kind));
  const acts = (m: Marked) => said(m) && cuesOf(m).some((c) => isStrong(c.kind) || c.kind === 'activity');
  // A goal counts in full when nothing else in the line names a service; a tool or a service
  // before, after or alongside this one ("heat prior to manual therapy", "obstacle course with
  // problem solving", "transfers with sequencing cues") when nothing else says what was done.
  // A device named after "with" is the tool, unless the line says it is new or first fitted and
  // names a service that device's training contains ("gait training with new BK prosthesis" is
  // prosthetic training, phrases.json `includes`): then it is the service, the gait its content.
  const qualified = new Set(marked.filter((m) => !m.notDone).flatMap((m) => cuesOf(m).filter((c) => c.kind === 'qualifier').map((c) => c.code)));
  // The device itself, not the qualifier ("new" is no orthosis), after "with" or said first, as
  // what the line is about ("New TT prosthesis: weight shifting and gait in bars").
  const firstNamed = marked.findIndex((o) => names(o));
  const containerOf = (m: Marked) =>
    (m.around || (firstNamed >= 0 && m.span.end <= marked[firstNamed]!.span.start && !m.goal)) && !m.before && !m.notDone
      ? cuesOf(m).find((c) => c.kind !== 'qualifier' && qualified.has(c.code) && marked.some((o) => o !== m && names(o) && cuesOf(o).some((oc) => lex.includes.get(c.code)?.has(oc.code))))?.code
      : undefined;
  const containers = new Set(marked.map(containerOf).filter((c): c is string => !!c));
  // Words after "with" that point where the activity's own words do too say which kind it is,
  // not a tool ("e-stim w/ motor point stimulation" is attended e-stim, as "e-stim" may be).
  const shares = (m: Marked, o: Marked) => cuesOf(m).some((c) => cuesOf(o).some((oc) => oc.code === c.code));
  const aside = marked.map((m) => (m.goal || m.around) && !containerOf(m) && marked.some((o) => o !== m && (m.around && !m.goal ? acts(o) && !shares(m, o) : names(o))));
  const live = (i: number) => !marked[i]!.notDone && !aside[i];
  // Does the line name a service outside the intent-decided codes (a modality, aquatic, group…)?
  // Or an activity that is no movement training ("ADLs for functional independence", "W/C
  // propulsion for endurance"): the goal is that activity's, not a sign of 97110/97112/97530.
  // Walking is movement too (gait for balance: the goal chooses), so it does not count here.
  const otherService = marked.some(
    (m, i) => live(i) && !m.goal && cuesOf(m).some((c) => !lex.intentCodes.has(c.code) && (isStrong(c.kind) || (c.kind === 'activity' && c.code !== GAIT))),
  );
  type KeyWeight = { key: string; weight: number; qualifier: boolean; order: number; phrase: string; kind: Cue['kind']; codes: ReadonlySet<string>; goal: boolean };
  const byCode = new Map<string, Evidence & { perKey: Map<string, KeyWeight> }>();
  const get = (code: string) => {
    let e = byCode.get(code);
    if (!e) byCode.set(code, (e = { code, score: 0, words: [], strong: [], sequenced: [], doing: [], notDone: [], topKind: 'hint', keys: [], goalScore: 0, saidIntent: false, aimDenied: false, intentOnly: false, perKey: new Map() }));
    return e;
  };
  // Codes whose service the line names only as done before ("AFO delivered last month; today fit
  // recheck"): the device is still the one named, so its visit words may still choose the code.
  const namedBefore = new Set<string>();
  marked.forEach((m, i) => {
    const { start, end, key } = m.span;
    const cues = cuesOf(m);
    const codes = new Set(cues.map((c) => c.code));
    for (const cue of cues) {
      const e = get(cue.code);
      if (m.notDone) {
        if (!e.notDone.some((n) => n.phrase === cue.phrase)) e.notDone.push({ phrase: cue.phrase, cue: m.notDone });
        if (cue.kind === 'intent') e.aimDenied = true;
        if (cue.kind !== 'qualifier') namedBefore.add(cue.code);
        continue;
      }
      let weight = WEIGHT[cue.kind];
      if (cue.kind === 'intent' && m.goal) weight = otherService ? 1 : GOAL_WEIGHT;
      else if (aside[i]) weight = 1;
      if (live(i) && !m.goal && isStrong(cue.kind)) e.strong.push({ start, end, key, phrase: cue.phrase, codes, weight, kind: cue.kind, alongside: m.alongside });
      else if (aside[i] && m.before && !m.goal && isStrong(cue.kind)) e.sequenced.push({ start, end, key, phrase: cue.phrase, codes, weight, kind: cue.kind, alongside: m.alongside });
      else if (live(i) && !m.goal && (cue.kind === 'activity' || cue.kind === 'equipment')) e.doing.push({ start, end, key, phrase: cue.phrase, codes, weight, kind: cue.kind, alongside: m.alongside });
      const prev = e.perKey.get(key);
      if (!prev || prev.weight < weight) e.perKey.set(key, { key, weight, qualifier: cue.kind === 'qualifier', order: prev?.order ?? start, phrase: prev?.phrase ?? cue.phrase, kind: cue.kind, codes, goal: m.goal });
    }
  });
  // Stimulation while the patient moves ("e-stim to R deltoid while pt performs shoulder flexion"):
  // the movement after "with"/"during"/"while" makes the e-stim attended (CGS via findacode.com:
  // NMES/FES during exercise or a functional task is 97032), and says so.
  const stimAt = marked.findIndex((m, i) => live(i) && !m.around && cuesOf(m).some((c) => c.code === STIM_UNATTENDED) && cuesOf(m).some((c) => c.code === STIM_ATTENDED));
  const moving = stimAt < 0 ? undefined : marked.find((o, i) => i > stimAt && o.around && !o.before && !o.goal && !o.notDone && cuesOf(o).some((c) => (lex.intentCodes.has(c.code) || c.code === GAIT) && (isStrong(c.kind) || c.kind === 'activity')));
  if (moving) {
    const e = get(STIM_ATTENDED);
    const { key, start } = moving.span;
    const phrase = cuesOf(moving)[0]!.phrase;
    if (!e.perKey.has(key)) e.perKey.set(key, { key, weight: WEIGHT.technique, qualifier: false, order: start, phrase, kind: 'technique', codes: new Set([STIM_ATTENDED]), goal: false });
  }
  // A device named only in the past by a first visit's words is named for the later visit too ("Prior
  // visit initial AFO fitting; today subsequent encounter"): the visit words then choose.
  if (FIRST_DEVICE_VISIT.some((c) => namedBefore.has(c))) for (const c of LATER_DEVICE_VISIT) namedBefore.add(c);
  const says = (codes: readonly string[], words: ReadonlySet<string>) => codes.some((c) => [...(byCode.get(c)?.perKey.keys() ?? [])].some((k) => words.has(k)));
  const firstVisit = says(FIRST_DEVICE_VISIT, FIRST_VISIT_WORDS);
  const laterVisit = says(LATER_DEVICE_VISIT, LATER_VISIT_WORDS);
  // A later visit's line that names the training as the first visit's rows do ("prosthetic gait
  // training, subsequent", "prosthetic training cont"): the device's words are the later visit's too.
  if (laterVisit && !firstVisit) {
    const later = get(LATER_DEVICE_VISIT[0]!);
    for (const c of FIRST_DEVICE_VISIT) {
      const first = byCode.get(c);
      if (!first) continue;
      for (const [key, k] of first.perKey) if (!k.qualifier && (later.perKey.get(key)?.weight ?? 0) < k.weight) later.perKey.set(key, k);
      for (const m of first.strong) if (!later.strong.some((x) => x.start === m.start)) later.strong.push(m);
    }
  }
  /** The other visit's qualifiers when the line says which visit it is, and only that one. */
  const visitSettled = (code: string) => (firstVisit && !laterVisit && LATER_DEVICE_VISIT.includes(code)) || (laterVisit && !firstVisit && FIRST_DEVICE_VISIT.includes(code));
  const out = new Map<string, Evidence>();
  for (const e of byCode.values()) {
    const keys = [...e.perKey.values()].filter((k) => !(k.qualifier && visitSettled(e.code))).sort((a, b) => a.order - b.order);
    const base = keys.filter((k) => !k.qualifier).reduce((n, k) => n + k.weight, 0);
    // A qualifier ("low complexity", "initial") only chooses once the service itself is named.
    const counted = base >= 2 || namedBefore.has(e.code) ? keys : keys.filter((k) => !k.qualifier);
    const top = [...counted].sort((a, b) => b.weight - a.weight)[0];
    const goalScore = counted.filter((k) => k.goal && k.kind === 'intent').reduce((n, k) => n + k.weight, 0);
    const own = lex.intentWords.get(e.code);
    const saidIntent = counted.some((k) => !k.goal && (k.kind === 'intent' || (!!own && k.key.split(' ').some((w) => own.has(w)))));
    const intentOnly = counted.every((k) => k.kind === 'intent' || k.kind === 'equipment' || k.kind === 'hint');
    out.set(e.code, { code: e.code, score: counted.reduce((n, k) => n + k.weight, 0), words: counted.map((k) => k.phrase), strong: e.strong, sequenced: e.sequenced, doing: e.doing, notDone: e.notDone, topKind: top?.kind ?? 'hint', keys: counted.map(({ key, weight, codes, kind }) => ({ key, weight, codes, kind })), goalScore, saidIntent, aimDenied: e.aimDenied, intentOnly });
  }
  // A service named only before or after the container with "then" between ("gait trng w/ SPC;
  // then 2 minute walk test") is done at another time: a second service, not the test's content.
  const after = (outer: Evidence, inner: Evidence) => inTurn(tokens, inner.strong, outer.strong);
  for (const [code, contained] of lex.includes) {
    const outer = out.get(code);
    if (!outer || (!outer.strong.length && !containers.has(code))) continue;
    for (const inner of contained) {
      const e = out.get(inner);
      // A service two named services contain counts for each (gait with a prosthesis at its first
      // fitting or a later one), unless it is already counted inside one this one contains.
      if (!e || (e.subsumedBy && contained.has(e.subsumedBy)) || after(outer, e)) continue;
      e.subsumedBy ??= code;
      outer.score += e.score;
      for (const w of e.words) if (!outer.words.includes(w)) outer.words.push(w);
    }
  }
  // The current (IFC, TENS, HVPC, premod) says which stimulation, not who stayed with it: a line
  // that says the stimulation was attended ("IFC attended", "attended e-stim (HVPC)", "adjusting
  // intensity throughout") names one service, attended e-stim (CGS via findacode.com: attendance,
  // not the device, sets 97032 apart), unless it also says part of it was left unattended.
  const att = out.get(STIM_ATTENDED);
  const un = out.get(STIM_UNATTENDED);
  if (att && un && !un.subsumedBy && !att.subsumedBy && !un.notDone.length && att.strong.some((x) => ATTENDED.test(x.phrase)) && !un.keys.some((k) => UNATTENDED.test(k.key))) {
    un.subsumedBy = STIM_ATTENDED;
    att.score += un.score;
    for (const w of un.words) if (!att.words.includes(w)) att.words.push(w);
  }
  speechAndLanguage(tokens, out);
  return out;
}

/** SLP treatment (92507), the speech sound evaluation (92522), and the speech sound and language evaluation (92523). */
const SLP_TREATMENT = '92507';
const SPEECH_SOUND_EVAL = '92522';
const SPEECH_AND_LANGUAGE_EVAL = '92523';
const EVALUATING = /\b(?:eval|evaluation|assessment)\b/i;
const SPEECH_SOUND = /artic|phonolog|speech sound/i;
const LANGUAGE = /\blang(?:uage)?\b/i;
/** Language only screened or set aside ("receptive language screened WNL", "language not assessed"). */
const LANGUAGE_SET_ASIDE = /\blang(?:uage)?\b[^;,.]{0,15}?\b(?:screened|screening|WNL|within normal limits|not assessed|not tested|age[- ]appropriate|deferred)/i;

/**
 * An evaluation that covers both speech sound production and language ("evaluation of articulation
 * and receptive/expressive language", "language and artic eval w/ CELF-5 & GFTA-3") is the speech
 * sound and language evaluation, 92523 (amc-slp), not an articulation evaluation with treatment words.
 */
function speechAndLanguage(tokens: readonly Token[], out: Map<string, Evidence>): void {
  const text = tokens.map((t) => t.raw).join(' ');
  if (!EVALUATING.test(text) || LANGUAGE_SET_ASIDE.test(text)) return;
  const treat = out.get(SLP_TREATMENT);
  const sound = out.get(SPEECH_SOUND_EVAL);
  const said = (e: Evidence | undefined, re: RegExp) => !!e?.keys.some((k) => re.test(k.key));
  const speech = !!sound?.strong.length || said(treat, SPEECH_SOUND);
  // Language named as what was done ("receptive/expressive language"), not a bare word ("language not assessed").
  if (!speech || !treat?.strong.some((m) => LANGUAGE.test(m.phrase))) return;
  const parts = [sound, treat].filter((e): e is Evidence => !!e && e.score > 0);
  const both = out.get(SPEECH_AND_LANGUAGE_EVAL);
  const score = parts.reduce((n, e) => n + e.score, 0) + 1;
  if (both && both.score >= score) return;
  const words = [...new Set([...(both?.words ?? []), ...parts.flatMap((e) => e.words)])];
  const strong = parts.flatMap((e) => e.strong);
  const keys = [...(both?.keys ?? []), ...parts.flatMap((e) => e.keys)];
  out.set(SPEECH_AND_LANGUAGE_EVAL, { ...(both ?? { code: SPEECH_AND_LANGUAGE_EVAL, sequenced: [], doing: [], notDone: [], goalScore: 0, saidIntent: false, aimDenied: false }), score, words, strong, keys, topKind: 'technique', intentOnly: false });
  for (const e of parts) e.subsumedBy = SPEECH_AND_LANGUAGE_EVAL;
}
