import type { Evaluation, Finding, Visit } from '../model';

// A patient seen twice on one date (a morning and an afternoon session an export lists under
// two ids) is billed by the day: CMS counts "the total number of minutes of service … in a
// single day" (CPM Pub. 100-04 Ch. 5 §20.2), and a practitioner MUE adds all units of the date
// of service (NCCI Policy Manual Ch. I §V). Each visit alone may be right while the day is
// not: 10 minutes in each of two visits, 1 unit each, is 20 minutes for the day: 1 unit, not 2.
// The later visit (the one not yet written out) carries the day's finding.

/** The day's findings that each visit alone cannot see, re-pointed at `visit`'s own lines. */
export function sameDayFindings(visit: Visit, alone: readonly Finding[], evaluateDay: (day: Visit) => Evaluation): Finding[] {
  const earlier = visit.sameDay;
  if (!earlier?.length) return [];
  const before = earlier.reduce((n, v) => n + v.entries.length, 0);
  if (before + visit.entries.length > 200) return []; // (Visit.entries' limit: such a day is not a therapy day)
  const { sameDay: _, ...rest } = visit;
  const day = evaluateDay({ ...rest, entries: [...earlier.flatMap((v) => v.entries), ...visit.entries] });
  const others = earlier.map((v) => `${v.id ? JSON.stringify(v.id) : 'a visit'}${v.line ? ` (line ${v.line})` : ''}`).join(', ');
  const date = visit.dateOfService ?? 'the same date';
  const lead = `This patient has ${earlier.length === 1 ? 'another visit' : `${earlier.length} other visits`} on ${date}: ${others}. The day's lines are billed together`;
  const out: Finding[] = [];
  const aloneOver = alone.some((f) => f.rule === 'units.over-billed');
  const mine = new Set(visit.entries.map((e) => e.code?.toUpperCase()).filter(Boolean));
  for (const f of day.findings) {
    if (f.rule === 'units.over-billed' && !aloneOver) {
      out.push(
        onThisVisit(f, 'units.same-day', before, visit, {
          message: `${lead} (CMS counts a day's timed minutes together, CPM §20.2). For the day: ${f.message}`,
          action: `For the day, across these visits: ${f.action ?? 'bill the units the day supports.'} Take the extra units off whichever visit's lines were shortest, or check that every visit's minutes are complete.`,
          headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: ${f.headline ?? 'too many units'}`,
        }),
      );
    } else if (f.rule === 'mue.exceeded' && f.codes.some((c) => mine.has(c)) && !alone.some((a) => a.rule === 'mue.exceeded' && a.codes.some((c) => f.codes.includes(c)))) {
      out.push(
        onThisVisit(f, 'mue.same-day', before, visit, {
          message: `${lead} (an MUE adds all units of the date of service). For the day: ${f.message}`,
          action: `For the day, across these visits: ${f.action ?? 'bill no more than the limit.'}`,
          headline: `Same day as ${earlier[0]!.id ?? 'another visit'}: ${f.headline ?? 'over the daily limit'}`,
        }),
      );
    }
  }
  return out;
}

/** `f` from the day's evaluation as a finding of `visit`: its entries and fields are this visit's own (the earlier visits' lines come first in the day). */
function onThisVisit(f: Finding, rule: Finding['rule'], before: number, visit: Visit, text: { message: string; action: string; headline: string }): Finding {
  const out: Finding = { rule, severity: f.severity, codes: f.codes, headline: text.headline.slice(0, 120), message: text.message, action: text.action, source: `${f.source}; ${rule === 'mue.same-day' ? 'the date of service' : 'the day'}'s visits counted together` };
  if (f.fix) out.fix = f.fix;
  const entries = (f.entries ?? []).filter((i) => i >= before).map((i) => i - before);
  if (entries.length) {
    out.entries = entries;
    const keys = entries.map((i) => visit.entries[i]?.fieldKey).filter((k): k is string => !!k);
    if (keys.length) out.fieldKeys = keys;
  }
  return out;
}
