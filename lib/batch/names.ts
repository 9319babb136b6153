// Column names practice systems print, by field: "Svc Date", "Primary Insurance", "Tx Minutes",
// Epic's SERVICE_DATE, PROCEDURE_QUANTITY, TIMED_MINUTES, MODIFIER_ONE… The mapping stage
// (./mapping.ts) checks each name against the column's content; the table stage uses these to
// find the header row.

import type { Role } from './report';

/** Header text as a lookup key: lower case, letters and digits only. */
export const headerKey = (cell: string) => cell.toLowerCase().replace(/[^a-z0-9]/g, '');

type Strength = 2 | 1;
// Names by role: strong names say what the column is; weak ones ("Time", "Service") need the
// content to agree and give way to a strong name for the same role.
const STRONG: Record<Role, string[]> = {
  id: ['visitid', 'visit', 'visitnumber', 'visitno', 'visitnum', 'visitkey', 'encounterid', 'encounter', 'encounterno', 'encounternumber', 'encid', 'encounterkey', 'patenccsnid', 'csn', 'enccsn', 'encountercsn', 'claimid', 'claimnumber', 'claimno', 'claim', 'patientcontrolnumber', 'invoice', 'invoicenumber', 'ticket', 'ticketnumber', 'appointmentid', 'apptid'],
  patient: ['patient', 'patientname', 'patname', 'patientid', 'patid', 'mrn', 'patmrn', 'patmrnid', 'medicalrecordnumber', 'client', 'clientname', 'patientaccount', 'accountnumber', 'account', 'acct', 'acctno', 'patientnumber', 'patientno'],
  date: ['date', 'dos', 'dateofservice', 'servicedate', 'svcdate', 'visitdate', 'dateofvisit', 'servicedt', 'svcdt', 'fromdate', 'servicefromdate', 'datefrom', 'fromdos', 'apptdate', 'appointmentdate', 'encounterdate', 'contactdate', 'treatmentdate', 'txdate', 'dosfrom', 'svcfromdate'],
  // The end of a line's span of dates ("From DOS" … "To DOS"): checked to be the same day.
  dateTo: ['todos', 'dosto', 'todate', 'dateto', 'servicedateto', 'servicetodate', 'svctodate', 'svcdateto', 'dosthru', 'dosthrough', 'thrudate', 'throughdate', 'datethru', 'datethrough', 'servicethrudate', 'servicethroughdate', 'lastdateofservice', 'todateofservice'],
  clinician: ['clinician', 'clinicianname', 'therapist', 'therapistname', 'treatingtherapist', 'treatingclinician', 'renderingprovider', 'renderingprovidername', 'renderingprov', 'rendering', 'renderingclinician', 'provider', 'providername', 'provname', 'servicingprovider', 'servicingprovidername', 'practitioner', 'practitionername', 'staff', 'staffname', 'performedby', 'treatedby', 'seenby', 'resource', 'resourcename'],
  payer: ['payer', 'payor', 'payername', 'payorname', 'insurance', 'insurer', 'insurancename', 'primaryinsurance', 'primarypayer', 'primarypayor', 'primaryins', 'primaryinsurancename', 'primarypayername', 'primarypayorname', 'primaryplan', 'pripayer', 'pripayor', 'pripayername', 'priins', 'priinsurance', 'priinsname', 'priinsurancename', 'primaryinsname', 'primarycarrier', 'pricarrier', 'insuranceplan', 'plan', 'planname', 'carrier', 'insurancecarrier', 'payerplan', 'benefitplan', 'coverage', 'primarycoverage', 'insurancecompany', 'payerplanname'],
  discipline: ['discipline', 'disc', 'therapy', 'therapytype', 'therapydiscipline', 'serviceline', 'specialty', 'provspecialty', 'providerspecialty', 'providertype', 'provtype', 'taxonomy', 'providertaxonomy'],
  method: ['method', 'billingmethod', 'unitmethod'],
  totalTreatmentMinutes: ['totaltreatmentminutes', 'totaltreatmentmins', 'totaltreatmenttime', 'totalminutes', 'totaltime', 'ttm', 'totaltxminutes', 'totaltxmins'],
  code: ['code', 'cpt', 'cptcode', 'hcpcs', 'hcpcscode', 'cpthcpcs', 'cpthcpcscode', 'procedurecode', 'proccode', 'procedure', 'proccd', 'cptcd', 'cpt4', 'cpt4code', 'chargecode', 'servicecode', 'billingcode', 'hcpcscd', 'procedurecd', 'cptid', 'cpthcpcscd'],
  combined: ['charges', 'services', 'lineitems', 'billedservices', 'codes', 'procedures', 'charge', 'lineitem'],
  description: ['description', 'desc', 'intervention', 'label', 'treatment', 'codedescription', 'proceduredescription', 'procdesc', 'procname', 'procedurename', 'servicedescription', 'cptdescription', 'chargedescription', 'interventiondescription'],
  minutes: ['minutes', 'mins', 'min', 'duration', 'timeminutes', 'minutesbilled', 'treatmentminutes', 'txminutes', 'txmins', 'timedminutes', 'timedmins', 'serviceminutes', 'minutesofservice', 'procedureminutes', 'durationminutes', 'timemin'],
  units: ['units', 'unit', 'billedunits', 'unitsbilled', 'qty', 'quantity', 'procedurequantity', 'procqty', 'svcunits', 'serviceunits', 'chargeunits', 'unitcount', 'numberofunits', 'noofunits', 'billedqty', 'billedquantity', 'unitsqty'],
  modifiers: ['modifiers', 'modifier', 'mods', 'mod', 'modifiercodes', 'modcodes', 'modifierlist', 'cptmodifier', 'cptmodifiers', 'cptmod', 'cptmods', 'procmod', 'procmods', 'procmodifier', 'procmodifiers', 'procedure modifier', 'hcpcsmod', 'hcpcsmods', 'hcpcsmodifier', 'hcpcsmodifiers', 'linemodifiers', 'linemods'],
  assistantMinutes: ['assistantminutes', 'assistantmins', 'assistanttime', 'ptaminutes', 'ptamins', 'otaminutes', 'otamins', 'ptaotaminutes'],
  start: ['start', 'starttime', 'timein', 'from', 'begin', 'begintime'],
  end: ['end', 'endtime', 'timeout', 'to', 'stop', 'stoptime'],
  ytdSpend: ['ytdspend', 'ytdtherapyspend', 'ytdtherapy', 'ytdtherapyamount', 'therapyytd', 'therapyspendytd', 'ytdtherapydollars', 'kxspend', 'therapythresholdspend'],
  ytdPtSlp: ['ytdptslp', 'ytdptslpspend', 'ptslpytd', 'ptslpspendytd', 'ytdptspend', 'ytdpt', 'ptytd', 'ytdptslpamount'],
  ytdOt: ['ytdot', 'ytdotspend', 'otytd', 'otspendytd', 'ytdotamount'],
  charge: ['chargeamount', 'chargeamt', 'linecharge', 'linecharges', 'linechargeamount', 'billedamount', 'billedamt', 'billedcharge', 'billedcharges', 'amountbilled', 'chargedamount', 'fee', 'fees', 'feeamount', 'lineamount', 'servicecharge'],
  allowed: ['allowed', 'allowedamount', 'allowedamt', 'allowable', 'allowableamount', 'allowedcharge', 'allowedcharges', 'medicareallowed', 'allowedfee', 'approvedamount', 'feeschedule', 'feescheduleamount'],
  coTreatment: ['cotreatment', 'cotreat', 'cotreated', 'cotx', 'cotreatmentflag', 'cotreatflag', 'sharedtime', 'concurrenttreatment'],
};
const WEAK: Partial<Record<Role, string[]>> = {
  id: ['id', 'number', 'no'],
  patient: ['name'],
  charge: ['amount', 'amt'],
  minutes: ['time', 'txtime', 'treatmenttime', 'servicetime'],
  description: ['service', 'notes'],
  discipline: ['department', 'dept', 'deptname', 'departmentname', 'clinic'],
  payer: ['financialclass', 'fincls', 'finclass'],
};
// A secondary or tertiary payer is billed after the primary one: the claim's rules are the
// primary payer's, so these are never the payer, by name or by content ("Sec Payer", "Insurance 2").
const SECONDARY = /^(?:sec|secondary|second|2nd|ter|tert|tertiary|third|3rd)(?:payer|payor|ins|insurance|insurer|plan|coverage|carrier)(?:name|plan|company)?$|^(?:payer|payor|ins|insurance|insurer|plan|coverage|carrier)(?:name)?(?:2|3|two|three)$/;

// Within one field, a name that says more wins over a plain one, wherever it stands: "Service
// Date" over "Date" (often the posting date), "Units Billed" over "Units", "Treatment Minutes"
// over "Duration" (often the whole appointment), "Primary Insurance" over "Payer", "Insurance
// Name" over "Coverage" (often Primary/Secondary). Other names rank between the two.
const SPECIFIC: Partial<Record<Role, string[]>> = {
  date: ['dos', 'dateofservice', 'servicedate', 'svcdate', 'servicedt', 'svcdt', 'servicefromdate', 'fromdos', 'dosfrom', 'svcfromdate'],
  units: ['unitsbilled', 'billedunits', 'billedqty', 'billedquantity'],
  minutes: ['treatmentminutes', 'txminutes', 'txmins', 'timedminutes', 'timedmins', 'minutesbilled'],
  // A name or record number says who the patient is; an account may be a family's (guarantor) or a ledger's.
  patient: ['patient', 'patientname', 'patname', 'patientid', 'patid', 'mrn', 'patmrn', 'patmrnid', 'medicalrecordnumber', 'client', 'clientname'],
  payer: ['primarypayer', 'primarypayor', 'primaryinsurance', 'primaryins', 'primaryinsurancename', 'primarypayername', 'primarypayorname', 'pripayer', 'pripayor', 'pripayername', 'priins', 'priinsurance', 'priinsname', 'priinsurancename', 'primaryinsname'],
};
const GENERIC: Partial<Record<Role, string[]>> = {
  date: ['date'],
  units: ['units', 'unit', 'qty', 'quantity'],
  minutes: ['duration', 'durationminutes'],
  payer: ['coverage', 'primarycoverage', 'plan', 'planname', 'benefitplan'],
  patient: ['account', 'acct', 'acctno', 'accountnumber', 'patientaccount'],
};

// Columns that look like something the reader wants but are not: said in the report.
const NOT_THESE: [RegExp, string][] = [
  [SECONDARY, 'a secondary or tertiary payer: the claim is checked against the primary payer'],
  [/^(?:pat)?(?:dob|dateofbirth|birthdate|birthdt|birthday)$/, 'a birth date, not the date of service'],
  [/^(?:post|posting|entry|created|run|print|bill|billed|submit|submitted|paid|payment|deposit)(?:ed)?(?:date|dt)$/, 'a date, but not the date of service'],
  [/^(?:charge|charges|fee|amount|chargeamount|billedamount|allowed|allowedamount|paid|paidamount|balance|price|total|totalcharge|totalcharges)$/, 'money, not units'],
  [/^(?:dx|diagnosis|diagnosiscode|icd|icd10|icd10code|dxcode)\d*$/, 'a diagnosis code'],
  [/^(?:npi|renderingnpi|providernpi|billingnpi)$/, 'a provider number'],
];

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, first: 1, second: 2, third: 3, fourth: 4 };

type Rank = 0 | 1 | 2;
const LOOKUP = new Map<string, [Role, Strength, Rank]>();
for (const [role, names] of Object.entries(STRONG) as [Role, string[]][]) {
  for (const n of names) LOOKUP.set(headerKey(n), [role, 2, SPECIFIC[role]?.includes(n) ? 2 : GENERIC[role]?.includes(n) ? 0 : 1]);
}
for (const [role, names] of Object.entries(WEAK) as [Role, string[]][]) for (const n of names) if (!LOOKUP.has(n)) LOOKUP.set(n, [role, 1, 1]);

export interface NameMatch {
  role: Role;
  strength: Strength;
  /** Among names of one strength for one role: 2 says more ("Service Date"), 0 less ("Date"). */
  rank: Rank;
  /** Numbered columns (CPT 1, Min 2, MODIFIER_ONE): the number. */
  n?: number;
}

/** What a header cell names, if anything: "Svc Date" → date; "Mod 2" → modifiers #2; "MODIFIER_ONE" → modifiers #1; "Modifier 2-1" → modifiers #2. */
export function nameMatch(cell: string): NameMatch | undefined {
  const key = headerKey(cell);
  if (key === '' || SECONDARY.test(key)) return undefined;
  const exact = LOOKUP.get(key) ?? LOOKUP.get(headerKey(cell.replace(/\([^)]*\)/g, '')));
  if (exact) return { role: exact[0], strength: exact[1], rank: exact[2] };
  // "Modifier 1-2", "Mod 1_2", "Mod 1b": line item 1's second modifier slot, not line 12.
  const slot = /^(.*?)[\s_]*(\d{1,2})\s*(?:[-_./]\s*\d|[a-d])$/i.exec(cell.trim());
  const slotBase = slot && LOOKUP.get(headerKey(slot[1]!));
  if (slotBase && slotBase[0] === 'modifiers' && Number(slot![2]) >= 1) return { role: 'modifiers', strength: slotBase[1], rank: slotBase[2], n: Number(slot![2]) };
  const m = /^(.*?)(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth)$/.exec(key);
  if (m && m[1]) {
    const base = LOOKUP.get(m[1]);
    const n = Object.hasOwn(NUMBER_WORDS, m[2]!) ? NUMBER_WORDS[m[2]!]! : Number(m[2]);
    if (base && n >= 1) return { role: base[0], strength: base[1], rank: base[2], n };
  }
  return undefined;
}

/**
 * What a header says about the times under it: a time of day ("Time", "Appt Time": 1:30 there
 * is half past one, not 90 minutes), a duration ("Duration", "Tx Minutes", "Treatment Time",
 * "Duration (h:mm)"), or hours ("Duration (hrs)", "Hours": 0.75 there is 45 minutes).
 */
export type TimeKind = 'clock' | 'duration' | 'hours';
const CLOCK_NAMES = new Set(['time', 'appttime', 'appointmenttime', 'visittime', 'scheduledtime', 'schedtime', 'timeofday', 'apptstart', 'appointmentstart']);
const DURATION_NAMES = new Set(['treatmenttime', 'txtime', 'totaltime', 'totaltreatmenttime', 'totaltxtime', 'assistanttime']);
export function timeKind(cell: string): TimeKind | undefined {
  if (/(?:^|[^a-z])(?:hours?|hrs?)(?:$|[^a-z])/i.test(cell)) return 'hours';
  const key = headerKey(cell);
  // "(h:mm)" says how the values are written, not what they are: "Time (h:mm)" is still a time
  // of day, "Duration (h:mm)" a duration.
  const base = key.replace(/(?:h{1,2}mm(?:ss)?|hrsmins?)$/, '');
  if (/min|duration/.test(key) || DURATION_NAMES.has(base)) return 'duration';
  return CLOCK_NAMES.has(base) ? 'clock' : undefined;
}

export function notThis(cell: string): string | undefined {
  const key = headerKey(cell);
  for (const [re, why] of NOT_THESE) if (re.test(key)) return why;
  return undefined;
}

/** How many header-like cells a row has: the table stage's test for the header row. */
export function headerScore(cells: string[]): number {
  let score = 0;
  for (const c of cells) if (nameMatch(c) || notThis(c)) score++;
  return score;
}
