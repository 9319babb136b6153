// A flattened 837P (the professional claim in X12 5010, as a clearinghouse or a practice
// system writes it): segments such as CLM*W01*150~, SV1*HC:97110:GP*100*UN*2~, DTP*472*D8*20260316~.
// One claim (CLM) per visit and date of service; its lines are the SV1 segments. The payer is
// the subscriber loop's NM1*PR (2010BB, before the claims), never the other payer an
// other-subscriber loop names after a CLM (2320 SBR, 2330B NM1*PR): that one is the claim's
// secondary, or, when the subscriber loop bills a secondary (SBR*S), its primary, which then
// is the payer whose rules the claim is checked by. The discipline the provider taxonomy in PRV (2251… PT,
// 225X… OT, 235Z… SLP). An 837P carries no minutes: units are as billed, so the unit rules
// (8-minute rule) cannot be checked, but pairs, MUEs and modifiers can; the report says so.
// A void claim (frequency code CLM05-3 = 8) takes back one sent before: its lines are skipped
// and counted as such. A replacement (7) is checked, its id saying that it replaces one.
// Read segment by segment as the text arrives.

import type { Entry, Visit } from '../model';
import { disciplineOfTaxonomy } from './cells';
import { withinLimits } from './visits';
import { countSkip, type ReadReport, type ReadSink } from './report';

interface Line {
  entry: Entry;
  date?: string;
  /** DTP*472*RD8 over more than one day ("2026-03-16 to 2026-03-20"): a span, not a date of service. */
  span?: string;
  line: number;
}

interface Claim {
  id: string;
  line: number;
  payer?: string;
  /** The payer of an other-subscriber loop (2320 SBR*P) of a claim billed to a secondary. */
  primary?: string;
  /** The payer responsibility (SBR01) of the other-subscriber loop being read. */
  otherSequence?: string;
  discipline?: Visit['discipline'];
  date?: string;
  span?: string;
  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  frequency?: string;
  /** REF*F8: the payer's number of the claim it replaces or voids. */
  original?: string;
  lines: Line[];
}

const d8 = (s: string) => (/^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : undefined);

/** Characters to wait for an ISA segment's sixteen elements (106 when padded, as the standard writes it). */
const ISA_WAIT = 512;

/**
 * The separators an ISA segment declares: the element separator is its fourth character, the
 * component separator is ISA16 (after the sixteenth element separator) and the segment
 * terminator follows it. Counted, not read at fixed positions: some systems do not pad the
 * ISA's fields to their fixed widths. Undefined until the text holds all of ISA16.
 */
export function isaSeparators(isa: string): { element: string; component: string; terminator: string } | undefined {
  const element = isa[3];
  if (element === undefined) return undefined;
  let at = 3;
  for (let n = 1; n < 16; n++) {
    at = isa.indexOf(element, at + 1);
    if (at === -1) return undefined;
  }
  if (isa.length < at + 3) return undefined;
  return { element, component: isa[at + 1]!, terminator: isa[at + 2]! };
}

export class X12Stage {
  private pending = '';
  private element = '*';
  private component = ':';
  private terminator: string | undefined;
  private started = false;
  private line = 1;
  private segment = 0;
  /** The subscriber loop's payer (2010BB) and its responsibility (SBR01: P, S, T…). */
  private payer: string | undefined;
  private sequence: string | undefined;
  private billingDiscipline: Visit['discipline'] | undefined;
  private claim: Claim | undefined;
  private last: Line | undefined;

  constructor(
    private readonly file: string,
    private readonly sink: ReadSink,
    private readonly report: ReadReport,
  ) {
    report.minutes = false;
    report.notes.push('an 837P carries no minutes: units are taken as billed and the 8-minute rule is not checked; pairs, MUEs and modifiers are');
  }

  push(text: string): void {
    this.pending += text;
    if (!this.started) {
      const trimmed = this.pending.replace(/^[\ufeff\s]+/, '');
      if (trimmed.startsWith('ISA')) {
        const separators = isaSeparators(trimmed);
        if (!separators && trimmed.length < ISA_WAIT) return; // wait for the whole ISA segment
        if (separators) {
          this.element = separators.element;
          this.component = separators.component;
          this.terminator = separators.terminator;
        } else this.terminator = this.pending.includes('~') ? '~' : '\n';
      } else {
        this.terminator = this.pending.includes('~') ? '~' : '\n';
      }
      this.started = true;
      this.sink.mapped?.(this.report);
    }
    this.drain(false);
  }

  end(): void {
    if (!this.started) {
      if (this.pending.trim() === '') {
        this.sink.error({ file: this.file, line: 1, reason: 'the file is empty' });
        return;
      }
      this.terminator = this.pending.includes('~') ? '~' : '\n';
      this.started = true;
      this.sink.mapped?.(this.report);
    }
    this.drain(true);
    this.closeClaim();
  }

  private drain(final: boolean): void {
    const t = this.terminator!;
    let start = 0;
    for (let end = this.pending.indexOf(t, start); end !== -1; end = this.pending.indexOf(t, start)) {
      this.one(this.pending.slice(start, end));
      start = end + t.length;
    }
    this.pending = this.pending.slice(start);
    if (final && this.pending.trim() !== '') {
      this.one(this.pending);
      this.pending = '';
    }
  }

  private one(raw: string): void {
    // Line breaks between segments (one segment per line) count as lines.
    let i = 0;
    for (; i < raw.length && raw.charCodeAt(i) <= 32; i++) if (raw.charCodeAt(i) === 10) this.line++;
    const line = this.line;
    const rest = raw.slice(i);
    if (rest.indexOf('\n') !== -1) for (const c of rest) if (c === '\n') this.line++;
    if (this.terminator === '\n') this.line++;
    const text = rest.trimEnd();
    if (text === '') return;
    this.segment++;
    const e = text.split(this.element);
    switch (e[0]) {
      case 'HL':
        this.closeClaim();
        // A new billing provider (level 20) resets the payer and discipline it set.
        if (e[3] === '20') {
          this.payer = this.sequence = undefined;
          this.billingDiscipline = undefined;
        }
        // A new subscriber: its own payer follows. A patient loop (23) keeps its subscriber's.
        if (e[3] === '22') this.payer = this.sequence = undefined;
        break;
      case 'SBR':
        // Before a claim: the subscriber loop (2000B); after its CLM: an other subscriber (2320).
        if (this.claim) this.claim.otherSequence = e[1];
        else this.sequence = e[1];
        break;
      case 'PRV': {
        const d = disciplineOfTaxonomy(e[3] ?? '');
        if (e[1] === 'BI' || e[1] === 'PT') this.billingDiscipline = d ?? this.billingDiscipline;
        else if (e[1] === 'PE' && this.claim && d) this.claim.discipline = d;
        break;
      }
      case 'NM1':
        if (e[1] === 'PR') {
          const name = (e[3] ?? '').trim() || undefined;
          if (!this.claim) this.payer = name;
          else if (this.claim.otherSequence === 'P' && this.sequence !== undefined && this.sequence !== 'P') this.claim.primary ??= name;
        }
        break;
      case 'CLM':
        this.closeClaim();
        this.claim = { id: (e[1] ?? '').trim() || `segment ${this.segment}`, line, payer: this.payer, lines: [] };
        this.claim.frequency = (e[5] ?? '').split(this.component)[2]?.trim();
        break;
      case 'REF':
        if (e[1] === 'F8' && this.claim && !this.last) this.claim.original = (e[2] ?? '').trim() || undefined;
        break;
      case 'DTP':
        if (e[1] === '472') {
          // RD8 is a range (from-to); one whose two dates are the same is that day.
          const [from, to] = (e[3] ?? '').split('-');
          const date = d8(from!);
          const span = e[2] === 'RD8' && to !== undefined && to !== from ? `${d8(from!) ?? from} to ${d8(to) ?? to}` : undefined;
          const at = this.last ?? this.claim;
          if (at) {
            at.date = span ? undefined : date;
            at.span = span;
          }
        }
        break;
      case 'SV1':
        this.serviceLine(e, line);
        break;
      case 'SE':
      case 'GE':
      case 'IEA':
        this.closeClaim();
        break;
    }
  }

  private serviceLine(e: string[], line: number): void {
    this.report.rows.total++;
    if (!this.claim) {
      this.report.rows.refused++;
      this.sink.error({ file: this.file, line, reason: `segment ${this.segment}: a service line (SV1) outside a claim (no CLM before it); line not checked` });
      return;
    }
    if (this.claim.frequency === '8') {
      const of = this.claim.original ? `, voids ${this.claim.original}` : '';
      countSkip(this.report, 'void', line, `${this.claim.id} (CLM05-3 = 8${of})`);
      return;
    }
    const composite = (e[1] ?? '').split(this.component);
    const entry: Entry = { code: (composite[1] ?? '').trim(), modifiers: composite.slice(2, 6).map((m) => m.trim().toUpperCase()).filter(Boolean) };
    if (composite[6]) entry.label = composite[6];
    const basis = e[3];
    const quantity = Number(e[4]);
    if (e[4] !== undefined && e[4] !== '' && Number.isFinite(quantity) && quantity >= 0) {
      // Unit basis MJ is minutes (anesthesia style); UN is units.
      if (basis === 'MJ') entry.minutes = quantity;
      else if (Number.isInteger(quantity)) entry.units = quantity;
      else {
        this.report.rows.refused++;
        this.claim.lines.push({ entry: { ...entry, fieldKey: 'bad' }, line });
        this.sink.error({ file: this.file, line, reason: `claim ${JSON.stringify(this.claim.id)}: units ${JSON.stringify(e[4])} on ${entry.code} are not a whole number` });
        return;
      }
    }
    entry.fieldKey = `line:${line}`;
    const item: Line = { entry, line };
    this.claim.lines.push(item);
    this.last = item;
  }

  private closeClaim(): void {
    const claim = this.claim;
    this.claim = undefined;
    this.last = undefined;
    if (!claim) return;
    const lines = claim.lines.filter((l) => l.entry.fieldKey !== 'bad');
    if (lines.length === 0) {
      if (claim.lines.length === 0 && claim.frequency !== '8') this.sink.error({ file: this.file, line: claim.line, reason: `claim ${JSON.stringify(claim.id)} has no service lines (SV1); nothing to check` });
      return;
    }
    // One visit per date of service on the claim. A line over a span of days (RD8 from-to) holds
    // several days' units: checked as one day it would break that day's MUE and pairs, and which
    // units fall on which day is not written, so it is refused, never checked as its first day.
    const byDate = new Map<string, Line[]>();
    for (const l of lines) {
      const span = l.date === undefined ? (l.span ?? (claim.date === undefined ? claim.span : undefined)) : undefined;
      if (span) {
        this.report.rows.refused++;
        this.sink.error({
          file: this.file,
          line: l.line,
          reason: `claim ${JSON.stringify(claim.id)}: ${l.entry.code} is dated ${span} (DTP*472*RD8, a range of days): the units of several days on one line cannot be checked as one day's (MUE, pairs); line not checked. Bill each date of service on its own line, or check this line by hand`,
        });
        continue;
      }
      const date = l.date ?? claim.date ?? '';
      byDate.set(date, [...(byDate.get(date) ?? []), l]);
    }
    if (byDate.size === 0) return;
    const replaces = claim.frequency !== '7' ? '' : claim.original ? ` (replaces ${claim.original})` : ' (replacement claim)';
    for (const [date, group] of byDate) {
      const visit: Visit = { id: `${byDate.size > 1 ? `${claim.id} ${date}` : claim.id}${replaces}`, entries: group.map((l) => l.entry) };
      const payer = claim.primary ?? claim.payer;
      if (payer) visit.payer = payer;
      const discipline = claim.discipline ?? this.billingDiscipline;
      if (discipline) visit.discipline = discipline;
      if (date) visit.dateOfService = date;
      if (!withinLimits(visit)) {
        this.report.rows.refused += group.length;
        this.sink.error({ file: this.file, line: group[0]!.line, reason: `claim ${JSON.stringify(claim.id)}: a code, modifier, units or date is outside what a claim line can hold; claim not checked` });
        continue;
      }
      this.report.rows.checked += group.length;
      this.report.visits++;
      this.sink.visit({ visit, line: group[0]!.line });
    }
  }
}
