import type { Discipline } from '../../model';
import type { CodeFacts } from './catalog-facts';
import { FIRST_DEVICE_VISIT, inTurn, LATER_DEVICE_VISIT, type Evidence, type Match } from './evidence';
import type { Reading } from './read';
import { JOIN_WORDS, separated } from './tokens';

// Given a line's code and what its words say, whether to prompt a check, and which one:
// - another code's words clearly outweigh this code's: suggest that code;
// - the line names two services, each by name ("TherEx and gait training", "HP + IFC"): say so,
//   as a note when the line's code is one of them (chart the other on its own line), as a
//   warning naming both when it is neither;
// - a tie, or too little to go on: say nothing (a suggestion is a prompt, never a verdict).

export type Decision =
  | { kind: 'suggest'; to: Evidence; own?: Evidence; among?: Evidence[]; soft?: boolean }
  | { kind: 'two-services'; severity: 'info' | 'warning'; services: [Evidence, Evidence]; own?: Evidence };

/** A suggestion needs words worth at least this much (more than a lone tool or generic word). */
export const MIN_SCORE = 2;
/** How far another code must lead when the line's own code has words too. */
export const MARGIN = 2;

/** The movement and hands-on codes (exercise, balance, activity, gait, aquatic, group, manual, massage): intent words choose among them. */
const MOVEMENT = new Set(['97110', '97112', '97530', '97116', '97113', '97150', '97140', '97124']);

/** Physical performance testing (medpayiq.com/cpt/97750: the standardized tests given, by name, with results). */
const PERFORMANCE_TEST = '97750';


/** Treatment codes an SLP plan of care also uses (rules-reference §3: 97129/97130 cognitive intervention). */
const SHARED_WITH_SLP = new Set(['97129']);

/**
 * A service named as a heading ("CIMT: L UE task practice, mitt on R", "functional training: tub and toilet
 * transfers") and words after its colon in the same sentence, with nothing between that adds a service
 * ("and", "then", "plus"): those words are the heading's content, what the named service was made of,
 * not a second service to chart apart (a note asks for the other service named as done on its own).
 */
function heads(tokens: Reading['tokens'], x: Match, y: Match): boolean {
  if (!tokens[x.end]?.colon) return false;
  for (let k = x.end; k < y.start; k++) {
    if (k > x.end && (tokens[k]!.gap === 'clause' || tokens[k]!.colon)) return false;
    if (JOIN_WORDS.has(tokens[k]!.lower)) return false;
  }
  return true;
}

function independent(tokens: Reading['tokens'], a: Evidence, b: Evidence, bNamed = false): boolean {
  // Exercise in a pool is one service (aquatic), not two.
  if (a.subsumedBy === b.code || b.subsumedBy === a.code) return false;
  const apart = (x: Match, y: Match) =>
    x.alongside || y.alongside || (x.end <= y.start ? separated(tokens, x.end, y.start) && !(bNamed && heads(tokens, x, y)) : y.end <= x.start ? separated(tokens, y.end, x.start) : false);
  return a.strong.some((x) => !x.codes.has(b.code) && b.strong.some((y) => !y.codes.has(a.code) && (!bNamed || y.kind === 'name') && apart(x, y)));
}

export function decide(entered: string, reading: Reading, facts: CodeFacts, visitDiscipline?: Discipline): Decision | undefined {
  const code = facts.canonical(entered);
  const ownDiscipline = facts.discipline(code) ?? visitDiscipline;
  const evaluative = [...reading.evidence.values()].some((e) => e.score > 0 && facts.isEvaluation(e.code));
  const allowed = (c: string) => {
    // An evaluation's text says what was assessed (gait, balance…): only other evaluations compete,
    // unless the line neither assesses nor names an evaluation ("Dysphagia tx" coded 92610).
    // An SLP's line is read among the SLP codes whatever it is ("Artic eval" is no PT evaluation).
    const slpOk = facts.discipline(code) !== 'SLP' || facts.discipline(c) === 'SLP' || SHARED_WITH_SLP.has(c);
    // A line that names no evaluation but says standardized tests were given ("TUG 14 s, Berg 41/56
    // measured") is a performance test (97750), not an evaluation's content.
    if (facts.isEvaluation(code) && (reading.assessing || evaluative)) return (facts.isEvaluation(c) || (!evaluative && PERFORMANCE_TEST === c)) && slpOk;
    return slpOk;
  };
  const own = reading.evidence.get(code);
  // A service inside another the line names (squats in the pool) is that one's, not a rival.
  const others = [...reading.evidence.values()].filter((e) => e.code !== code && e.score > 0 && allowed(e.code) && !e.subsumedBy).sort((a, b) => b.score - a.score);
  if (!others.length) return undefined;

  // A phrase that points to several codes ("AT eval": assistive technology or athletic trainer) names
  // the one the rest of the line speaks for ("AT eval: ergonomic keyboard trial"), not the others.
  const shadowed = (o: Evidence) => o.strong.every((m) => [...m.codes].some((c) => c !== o.code && (reading.evidence.get(c)?.score ?? 0) > o.score));
  // The line's own service may sit inside another it names (gait with a new AFO is orthotic
  // training): then that one is the rival, not a second service.
  if (own?.strong.length && !own.subsumedBy) {
    // A note only when the other service is named outright ("gait training", "HP"), not inferred.
    const second = others.find((o) => independent(reading.tokens, own, o, true) && !shadowed(o));
    if (second) return { kind: 'two-services', severity: 'info', services: [own, second], own };
  }
  // The line names its own service only in sequence with another ("HP prior to mech traction" coded
  // 97012): both were done today, so the other is a second service to chart, not a reason to recode.
  if (own && !own.strong.length && own.sequenced.length && !own.subsumedBy) {
    // The sequence word ("prior to", "after") itself sets the two apart.
    const named = { ...own, strong: own.sequenced.map((m) => ({ ...m, alongside: true })) };
    const second = others.find((o) => independent(reading.tokens, named, o, true));
    if (second) return { kind: 'two-services', severity: 'info', services: [own, second], own };
  }
  // Or it does its own service's activities in turn with another service the line names ("ADL training
  // …, then functional reach activities" coded 97530): two services done one after the other.
  if (own && !own.strong.length && own.doing.length && !own.subsumedBy) {
    const second = others.find((o) => !o.subsumedBy && inTurn(reading.tokens, own.doing, o.strong));
    if (second) return { kind: 'two-services', severity: 'info', services: [own, second], own };
  }
  // A service the line names outright ("Neuro re-ed: … functional reaching") is what the line is
  // about: a rival that only has goal, activity or tool words ("functional", "reaching") must lead it
  // by more than one light word to be the one suggested.
  const top = others[0]!;
  // Among the movement codes, whose goal, activity and tool words are shared and weigh alike.
  const named = top.strong.length || !MOVEMENT.has(top.code) ? undefined : others.find((o) => o !== top && MOVEMENT.has(o.code) && !o.notDone.length && o.strong.some((m) => m.kind === 'name') && top.score - o.score < MARGIN);
  const best = named ?? top;
  const ownScore = own?.score ?? 0;
  // The line says its aim is its own code's and not the other's ("activation for motor control, not
  // strength"): intent over the exercise's or tool's name, and the line has ruled the other out.
  if (best.aimDenied && !best.intentOnly && own && (own.goalScore > 0 || own.saidIntent) && !own.notDone.length && !best.strong.some((m) => m.kind === 'name')) return undefined;
  if (best.score < MIN_SCORE || best.score < ownScore) return undefined;
  // Intent words alone ("strength", "balance", "functional") choose between the movement codes;
  // on a test, device, evaluation, modality, self-care or SLP line they are what was measured or
  // the goal ("grip strength 40#", "ADLs for functional independence"): not a reason to recode.
  if (best.intentOnly && !MOVEMENT.has(code)) return undefined;
  if (best.score === ownScore) {
    // The same words fit both; a discipline's own code on another discipline's visit ("re-eval"
    // coded 97168 on a PT visit) gives way to the visit's.
    const d = facts.discipline(code);
    return d && visitDiscipline && d !== visitDiscipline && facts.discipline(best.code) === visitDiscipline && others.filter((o) => o.score === best.score).length === 1 ? { kind: 'suggest', to: best, own } : undefined;
  }
  // The line says one kind of work was done ("core strengthening") and names another code's only
  // as the goal it serves ("for improved sitting balance"): strengthening for balance is still
  // strengthening to some, balance work to others; the words do not decide it.
  const saidElse = [own, ...others].some((e) => e && e !== best && e.saidIntent && !e.notDone.length);
  if (saidElse && best.score - best.goalScore < MIN_SCORE) return undefined;
  // When some words speak for the line's own code and not for the other, the other must lead by
  // more than one light word, unless the line says its own service was not done ("MT deferred").
  // Generic words ("ex", "reps", "sets") say some exercise was done, not which: they are no
  // such words ("habituation ex x 10 reps" is vestibular work, coded 97110 or not).
  const ownOnly = own?.keys.filter((k) => !k.codes.has(best.code) && k.kind !== 'hint').reduce((n, k) => n + k.weight, 0) ?? 0;
  if (ownOnly > 0 && !own?.notDone.length && best.score < ownScore + MARGIN) return undefined;
  // The line names its own service and, apart from it, another one that outweighs it ("joint
  // mobs R knee then quad sets and SLR"): a second service to chart on its own line, not a
  // reason to recode the first.
  if (own?.strong.length && !own.subsumedBy && independent(reading.tokens, own, best)) return { kind: 'two-services', severity: 'info', services: [own, best], own };
  const pair = others.find((o) => o !== best && independent(reading.tokens, best, o));
  if (pair) return { kind: 'two-services', severity: 'warning', services: [best, pair], own };
  const tops = others.filter((o) => o.score === best.score);
  // The line names its own service by name, done in a device at a later orthotic/prosthetic visit
  // ("subsequent AFO check … gait trng in AFO"): that visit's training may hold it, or it may be
  // charted on its own (gait training in an orthosis); a note, not a warning. At the first visit the
  // training is part of the fitting (codingahead.com orthotic/prosthetic codes), so that stays a warning.
  const soft =
    !!own?.strong.some((m) => m.kind === 'name') && !!own?.subsumedBy && [...FIRST_DEVICE_VISIT, ...LATER_DEVICE_VISIT].includes(own.subsumedBy) && LATER_DEVICE_VISIT.includes(best.code);
  // The line names its own service outright and the other code speaks only through activities or
  // tools ("Cog-comm tx: recall of daily schedule, problem solving" coded 92507): they may be the named
  // service's content, so a note to check, not a warning against the billed code's own words.
  const contentOnly = !!own?.strong.length && !own.subsumedBy && !own.notDone.length && !best.strong.length;
  if (tops.length === 1) return { kind: 'suggest', to: best, own, ...(soft || contentOnly ? { soft: true } : {}) };
  // The words name one evaluation service (a PT initial evaluation) but not its level, which is the
  // evaluating clinician's judgement (history, examination, presentation, decision making): when the
  // line is coded as another service (a re-evaluation, another discipline's), point to the service
  // and leave the level to the clinician.
  const service = (c: string) => `${facts.evaluationKind(c) ?? ''}|${facts.discipline(c) ?? ''}`;
  if (facts.evaluationKind(best.code) && tops.every((t) => service(t.code) === service(best.code)) && service(code) !== service(best.code)) return { kind: 'suggest', to: best, own, among: tops };
  // The same words fit this discipline's code and another's ("re-eval"): take this discipline's.
  const fit = tops.filter((t) => ownDiscipline && facts.discipline(t.code) === ownDiscipline);
  if (fit.length === 1) return { kind: 'suggest', to: fit[0]!, own };
  // Or leave out another discipline's code ("grp tx" on a PT visit is 97150, not SLP group treatment).
  const open = tops.filter((t) => !ownDiscipline || !facts.discipline(t.code) || facts.discipline(t.code) === ownDiscipline);
  return fit.length === 0 && open.length === 1 ? { kind: 'suggest', to: open[0]!, own } : undefined;
}

/** The code a line's text points to with no code entered: one code clearly ahead, else none. */
export function leader(reading: Reading): Evidence | undefined {
  const ranked = [...reading.evidence.values()].filter((e) => e.score > 0).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best || best.score < MIN_SCORE) return undefined;
  // Without a code to weigh against, ask for a clear lead: more than one light word ahead.
  if (second && best.score - second.score < 2) return undefined;
  return best;
}
