import type { Entry, Visit } from '../../lib/model';
import { builtInRuleData } from '../../lib/rules/data';
import { rng } from '../bench/generate';
import { loadCorpus } from '../fixtures/code-corpus/schema';

// A seeded batch of visits that reaches most rules: the labelled corpus's descriptions (often
// under another code than their own), every catalog code, Medicare and other payers or none,
// dates inside and outside the data's range, units and modifiers as entered or missing,
// unreadable minutes, clock times, co-treatment and year-to-date spend. For tests that compare
// a faster path with the plain one on the same visits.

const PAYERS = ['Medicare', 'Medicare Advantage', 'Aetna', 'Blue Cross', 'UnitedHealthcare', '', undefined];
const MODIFIERS = ['GP', 'GO', 'GN', '59', 'XU', 'XS', 'KX', 'CQ', 'CO', '25'];
const DISCIPLINES = ['PT', 'OT', 'SLP', undefined] as const;

export function variedVisits(count: number, seed = 7): Visit[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const texts = loadCorpus().lines.map((l) => ({ text: l.text, code: l.code }));
  const codes = [...builtInRuleData().catalog.keys(), '99999', 'ABCDE'];
  const visits: Visit[] = [];
  for (let i = 0; i < count; i++) {
    const entries: Entry[] = [];
    const n = 1 + Math.floor(r() * 7);
    for (let j = 0; j < n; j++) {
      const line = pick(texts);
      const entry: Entry = { code: r() < 0.6 ? line.code : pick(codes), fieldKey: `line:${i * 10 + j + 2}` };
      if (r() < 0.85) entry.label = r() < 0.1 ? line.text.toUpperCase() : line.text;
      const m = r();
      if (m < 0.8) entry.minutes = Math.floor(r() * 61);
      else if (m < 0.88) {
        entry.minutes = null;
        entry.rawMinutes = '10:30';
      }
      if (r() < 0.7) entry.units = Math.floor(r() * 5);
      if (r() < 0.8) entry.modifiers = MODIFIERS.filter(() => r() < 0.2);
      if (r() < 0.08) {
        const start = 8 * 60 + Math.floor(r() * 120);
        const clock = (t: number) => `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
        entry.startTime = clock(start);
        entry.endTime = clock(start + 10 + Math.floor(r() * 40));
        if (r() < 0.5) entry.coTreatment = true;
      }
      if (r() < 0.05) entry.assistantMinutes = Math.floor(r() * 10);
      entries.push(entry);
      // The same line twice in a visit happens (two clinicians, a line copied).
      if (r() < 0.05) entries.push({ ...entry, fieldKey: `${entry.fieldKey}:copy` });
    }
    const visit: Visit = { id: `G${i}`, entries };
    const payer = pick(PAYERS);
    if (payer !== undefined) visit.payer = payer;
    const discipline = pick(DISCIPLINES);
    if (discipline) visit.discipline = discipline;
    if (r() < 0.9) visit.dateOfService = `${2018 + Math.floor(r() * 10)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    if (r() < 0.1) visit.method = r() < 0.5 ? 'cms' : 'per-code';
    if (r() < 0.1) visit.totalTreatmentMinutes = Math.floor(r() * 90);
    if (r() < 0.1) visit.ytdTherapySpend = { ptSlp: Math.floor(r() * 4000) };
    visits.push(visit);
  }
  return visits;
}
