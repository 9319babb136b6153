import type { Visit } from '../../lib/model';

// Realistic generated visits for the benchmarks: 1–8 entries from the codes therapists bill
// most, minutes 5–45, sometimes units and modifiers as a form would have them. Seeded, so
// every run measures the same data.

const CODES: [string, string][] = [
  ['97110', 'Therapeutic exercise: strengthening R knee to improve stairs'],
  ['97112', 'Balance and proprioception on foam'],
  ['97116', 'Gait training with rolling walker'],
  ['97140', 'Joint mobilization L shoulder'],
  ['97530', 'Functional transfers sit to stand'],
  ['97535', 'ADL training: dressing'],
  ['97035', 'Ultrasound lumbar'],
  ['97010', 'Hot pack'],
  ['97161', 'PT evaluation'],
  ['97150', 'Group exercise class'],
  ['G0283', 'Unattended e-stim'],
];
const PAYERS = ['Medicare', 'Medicare Advantage', 'Aetna', 'Blue Cross', 'UnitedHealthcare'];

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateVisits(count: number, seed = 42): Visit[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const visits: Visit[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 8);
    const entries = [];
    for (let j = 0; j < n; j++) {
      const [code, label] = pick(CODES);
      const minutes = 5 + Math.floor(r() * 41);
      entries.push({ code, label, minutes, units: Math.max(0, Math.round(minutes / 15)), modifiers: r() < 0.9 ? ['GP'] : [] });
    }
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0');
    visits.push({ id: `V${i}`, payer: pick(PAYERS), discipline: 'PT', dateOfService: `2026-${month}-${day}`, entries });
  }
  return visits;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
export function visitsToCsv(visits: Visit[]): string {
  const rows = ['visit id,date,payer,discipline,code,description,minutes,units,modifiers,assistant minutes'];
  for (const v of visits)
    for (const e of v.entries)
      rows.push([v.id, v.dateOfService, v.payer, v.discipline, e.code, e.label, e.minutes, e.units, (e.modifiers ?? []).join(' '), ''].map((x) => csvCell(String(x ?? ''))).join(','));
  return `${rows.join('\n')}\n`;
}
