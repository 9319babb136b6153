// The worked examples of CPM Pub. 100-04 Ch. 5 §20.2 (rules-reference §1.4), Medicare article
// A52758 (§1.8) and the per-code comparison table (§2), as data. `allowed` lists every
// allocation the source accepts (ties are the clinician's choice).

export interface WorkedExample {
  name: string;
  source: string;
  minutes: Record<string, number>;
  cms: { total: number; allowed: Record<string, number>[] };
  perCode?: { total: number; units: Record<string, number> };
}

export const WORKED_EXAMPLES: WorkedExample[] = [
  {
    name: 'CPM Example 1',
    source: 'CPM §20.2 Example 1: 2 units of 97112 and 1 of 97110',
    minutes: { '97112': 24, '97110': 23 },
    cms: { total: 3, allowed: [{ '97112': 2, '97110': 1 }] },
    perCode: { total: 4, units: { '97112': 2, '97110': 2 } },
  },
  {
    name: 'CPM Example 2',
    source: 'CPM §20.2 Example 2: 3 units, either code 2 and the other 1, never 3 on one',
    minutes: { '97112': 20, '97110': 20 },
    cms: { total: 3, allowed: [{ '97112': 2, '97110': 1 }, { '97112': 1, '97110': 2 }] },
    perCode: { total: 2, units: { '97112': 1, '97110': 1 } },
  },
  {
    name: 'CPM Example 3',
    source: 'CPM §20.2 Example 3: 2 units of 97110 and 1 of 97140',
    minutes: { '97110': 33, '97140': 7 },
    cms: { total: 3, allowed: [{ '97110': 2, '97140': 1 }] },
    perCode: { total: 2, units: { '97110': 2, '97140': 0 } },
  },
  {
    name: 'CPM Example 4',
    source: 'CPM §20.2 Example 4: 1 unit each of 97110, 97116, 97140; none for 97035',
    minutes: { '97110': 18, '97140': 13, '97116': 10, '97035': 8 },
    cms: { total: 3, allowed: [{ '97110': 1, '97140': 1, '97116': 1, '97035': 0 }] },
    perCode: { total: 4, units: { '97110': 1, '97140': 1, '97116': 1, '97035': 1 } },
  },
  {
    name: 'CPM Example 5',
    source: 'CPM §20.2 Example 5: one unit, any one of the three',
    minutes: { '97112': 7, '97110': 7, '97140': 7 },
    cms: {
      total: 1,
      allowed: [
        { '97112': 1, '97110': 0, '97140': 0 },
        { '97112': 0, '97110': 1, '97140': 0 },
        { '97112': 0, '97110': 0, '97140': 1 },
      ],
    },
    perCode: { total: 0, units: { '97112': 0, '97110': 0, '97140': 0 } },
  },
  {
    name: 'chirofreeinfo comparison',
    source: 'rules-reference §2 table: 97035:8, 97140:8, 97110:18 → CMS 2, per-code 3',
    minutes: { '97035': 8, '97140': 8, '97110': 18 },
    cms: { total: 2, allowed: [{ '97110': 1, '97140': 1, '97035': 0 }, { '97110': 1, '97140': 0, '97035': 1 }] },
    perCode: { total: 3, units: { '97035': 1, '97140': 1, '97110': 1 } },
  },
  {
    name: 'WebPT comparison',
    source: 'rules-reference §2 table: 97140:15, 97035:8 → 2 both ways',
    minutes: { '97140': 15, '97035': 8 },
    cms: { total: 2, allowed: [{ '97140': 1, '97035': 1 }] },
    perCode: { total: 2, units: { '97140': 1, '97035': 1 } },
  },
  {
    name: 'A52758 example 1',
    source: 'Medicare article A52758 (rules-reference §1.8): 97140:20 + 97110:20 → 3 units, 2+1 either way',
    minutes: { '97140': 20, '97110': 20 },
    cms: { total: 3, allowed: [{ '97140': 2, '97110': 1 }, { '97140': 1, '97110': 2 }] },
  },
  {
    name: 'A52758 example 2',
    source: 'Medicare article A52758 (rules-reference §1.8): 97140:35 + 97035:7 → 97140 2, 97035 1',
    minutes: { '97140': 35, '97035': 7 },
    cms: { total: 3, allowed: [{ '97140': 2, '97035': 1 }] },
  },
  {
    name: 'CPM §20.2 B 97530',
    source: 'CPM §20.2 B: 60 minutes of 97530 → 4 units',
    minutes: { '97530': 60 },
    cms: { total: 4, allowed: [{ '97530': 4 }] },
    perCode: { total: 4, units: { '97530': 4 } },
  },
];
