import type { VisitFact } from '../extract/detect';

// Which of a visit's facts of one kind (its patient, payer, date) is the chart's, when the page
// holds several: the one the user sees in the chart. A line hidden on the page (a chart opened
// before, kept in the page hidden by a single-page app; a hidden template) or in the page's
// side bar or navigation (a schedule listing "Patient: Ray, Bob — 9:00") must not name the
// visit's patient over the chart's own banner.

/** A side bar or navigation: the page's frame around the chart, not the chart. */
export const FRAME = 'aside, nav, [role="complementary"], [role="navigation"]';

/**
 * `facts` with, for each kind held more than once, only those the user sees in the chart: hidden
 * ones (`shown` false) and ones a side bar lists with others of their kind (a schedule) are left
 * out when another is in view. Order kept.
 * (`shown` is asked only of a kind held twice: a look at the layout per fact costs a first read.)
 */
export function chartFacts(facts: readonly VisitFact[], shown: (el: Element) => boolean): VisitFact[] {
  const count = new Map<string, number>();
  for (const f of facts) count.set(f.key, (count.get(f.key) ?? 0) + 1);
  if (![...count.values()].some((n) => n > 1)) return [...facts];
  // A side bar listing several of a kind is a schedule ("Patient: Ray, Bob — 9:00", "Patient:
  // Lee, Ann — 9:45"); one holding the patient's own details (her name, payer, date) is her
  // chart's summary, as true as the main area's lines.
  const frameOf = new Map<VisitFact, Element | null>();
  for (const f of facts) {
    if (count.get(f.key)! < 2) continue;
    const frame = f.field.element.closest(FRAME);
    frameOf.set(f, frame);
  }
  const listed = (f: VisitFact) => {
    const frame = frameOf.get(f);
    return !!frame && facts.filter((g) => g.key === f.key && frameOf.get(g) === frame).length > 1;
  };
  const rank = new Map<VisitFact, number>();
  const best = new Map<string, number>();
  for (const f of facts) {
    if (count.get(f.key)! < 2) continue;
    const el = f.field.element;
    const r = !shown(el) ? 2 : listed(f) ? 1 : 0;
    rank.set(f, r);
    best.set(f.key, Math.min(best.get(f.key) ?? r, r));
  }
  return facts.filter((f) => !rank.has(f) || rank.get(f)! <= best.get(f.key)!);
}
