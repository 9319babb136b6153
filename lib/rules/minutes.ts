import type { Finding } from '../model';
import { plural } from './chart';
import { finding, flatten, minutesCounted, type Context, type Item, shorten, tag } from './context';
import { threshold } from './data';
import { toMin } from './co-treatment';

// Checks on the minutes themselves: readable, present, consistent with the visit's total
// treatment time and with the clock times, and not double-counted across services.

const BPM_220_3 = 'CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.3 (total timed minutes must support the units billed)';

export function checkMinutes(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const tolerance = threshold(ctx.data, 'time-tolerance-minutes');

  for (const item of ctx.items) {
    const { entry } = item;
    const timed = item.row?.kind === 'timed';
    if (entry.minutes === null) {
      const raw = entry.rawMinutes ?? '';
      // ('' : a box holding what the browser does not accept, "2e" in a number box or a time typed
      // in part, which it does not let Unitwise see: FieldRead.unreadable.)
      const hidden = entry.rawMinutes === '';
      const what = hidden ? '' : `'${raw}' `;
      const why = hidden ? 'its box holds something the browser does not accept (not a number, or a time typed in part), and the browser does not let Unitwise see it' : 'it is not a number of minutes or a time range';
      const todo = hidden ? 'Retype the marked box: a whole number of minutes in a Minutes box (23), a whole clock time in a time box (10:28)' : 'Enter the minutes as a number (23) or a clock range (10:05–10:28)';
      out.push(
        finding('minutes.unreadable', 'error', item.code ? [item.code] : [], `Could not read minutes ${what}for ${item.name}: ${why}.`, `${todo}. Until then Unitwise cannot check ${timed ? "this visit's timed units" : 'this line'}.`, BPM_220_3, [item], { headline: shorten(hidden ? `${tag(item)}: minutes unreadable; retype the marked box` : `${tag(item)}: minutes ${what}unreadable; enter a number`) }),
      );
    } else if (entry.minutes === undefined && timed) {
      out.push(
        finding('minutes.missing', 'warning', [item.code!], `${item.name} is a timed code but has no minutes, so the visit's total of units cannot be checked. Medicare does not require minutes per code, but the total timed minutes must be documented and must support the units billed.`, `Enter the minutes spent on ${item.code}.`, BPM_220_3, [item], { headline: `${item.code}: enter its minutes` }),
      );
    }

    if (entry.startTime && entry.endTime) {
      const span = toMin(entry.endTime) - toMin(entry.startTime);
      if (span <= 0) {
        out.push(finding('minutes.total-mismatch', 'error', item.code ? [item.code] : [], `${item.name} ends (${entry.endTime}) before or when it starts (${entry.startTime}).`, 'Correct the start or end time.', BPM_220_3, [item], { headline: `${tag(item)}: ends before it starts` }));
      } else if (typeof entry.minutes === 'number' && entry.minutes - span > tolerance) {
        // More treatment minutes than the clock allows cannot be right.
        out.push(finding('minutes.total-mismatch', 'error', item.code ? [item.code] : [], `${item.name} is charted as ${plural(entry.minutes, 'minute')}, but its clock times ${entry.startTime}–${entry.endTime} span only ${plural(span, 'minute')}.`, 'Correct the minutes or the clock times; a service cannot take more minutes than its start and end times allow.', `${BPM_220_3}; CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.3 (what time counts)`, [item], { headline: `${tag(item)}: ${entry.minutes} min, clock allows ${span}` }));
      } else if (typeof entry.minutes === 'number' && span - entry.minutes > tolerance) {
        // Fewer minutes than the clock span can be right (rest and waiting do not count), so only a warning.
        out.push(finding('minutes.total-mismatch', 'warning', item.code ? [item.code] : [], `${item.name} is charted as ${plural(entry.minutes, 'minute')}, but its clock times ${entry.startTime}–${entry.endTime} span ${plural(span, 'minute')}.`, 'Check that the minutes are the time actually spent treating; rest, waiting and set-up do not count (CPM §20.3), so fewer minutes than the clock span can be right.', `${BPM_220_3}; CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.3 (what time counts)`, [item], { headline: `${tag(item)}: ${entry.minutes} min, clock spans ${span}` }));
      }
    }
    if (typeof entry.minutes === 'number' && entry.assistantMinutes !== undefined && entry.assistantMinutes > entry.minutes) {
      out.push(finding('minutes.total-mismatch', 'error', item.code ? [item.code] : [], `${item.name}: the assistant's ${plural(entry.assistantMinutes, 'minute')} exceed the service's ${plural(entry.minutes, 'minute')}.`, "Enter the assistant's minutes as the part of the service they furnished on their own.", 'CMS Therapy Services page, de minimis standard for CQ/CO', [item], { headline: `${tag(item)}: assistant minutes exceed the service's` }));
    }
  }

  const total = ctx.visit.totalTreatmentMinutes;
  if (total !== undefined) {
    const timed = ctx.items.filter((i) => i.row?.kind === 'timed' && typeof i.entry.minutes === 'number');
    // Shared time (co-treatment) once: the patient's time, not each clinician's.
    const timedSum = timed.reduce((a, i) => a + (minutesCounted(ctx, i) as number), 0);
    const allTimed = ctx.items.filter((i) => i.row?.kind !== 'rtm' && typeof i.entry.minutes === 'number');
    const allSum = allTimed.reduce((a, i) => a + (minutesCounted(ctx, i) as number), 0);
    if (timedSum > total) {
      out.push(finding('minutes.total-mismatch', 'error', timed.map((i) => i.code!), `Timed services add up to ${plural(timedSum, 'minute')}, more than the ${plural(total, 'minute')} of total treatment time documented for the visit.`, 'Correct the minutes per service or the total treatment time; the billing and the total timed minutes must be consistent.', 'CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.3 E (total timed code minutes and total treatment time)', timed, { headline: `Timed minutes ${timedSum} exceed total time ${total}` }));
    } else if (allSum > total) {
      out.push(finding('minutes.total-mismatch', 'warning', allTimed.map((i) => i.code ?? '').filter(Boolean), `The charted services add up to ${plural(allSum, 'minute')} (timed and untimed), more than the ${plural(total, 'minute')} of total treatment time. Total treatment time includes untimed services.`, 'Check the total treatment time, or whether an untimed service ran at the same time as another.', 'CMS Benefit Policy Manual Pub. 100-02 Ch. 15 §220.3 E', allTimed, { headline: `Services add up to ${allSum} min, total time ${total}`, fix: 'totalTreatmentMinutes' }));
    }
  }

  out.push(...coTreatment(ctx));
  out.push(...overlaps(ctx));
  return out;
}

/** Two services charted for the same clock time (supervised modalities may overlap: NCCI Ch. XI §P.2). */
const CPM_20_3 = 'CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.3 ("each 15 minutes the patient is being treated can count as only one unit", even with two therapists)';

/** Same-code lines for the same patient time: counted once, and said so. */
function coTreatment(ctx: Context): Finding[] {
  return ctx.sharedTime
    .filter((s) => s.counted < s.charted)
    .map((s) => {
      const when = s.how === 'clock' ? `over the same clock time (${s.items.map((i) => `${i.entry.startTime}–${i.entry.endTime}`).join(', ')})` : 'marked as co-treatment';
      return finding(
        'minutes.co-treatment',
        'warning',
        [s.code],
        `${s.code} is charted on ${s.items.length} lines ${when}: ${plural(s.charted, 'minute')} in all, but the patient was treated for ${plural(s.counted, 'minute')}. When two clinicians treat a patient together, the patient's time counts once, however many clinicians are present: Unitwise counts ${plural(s.counted, 'minute')} of ${s.code}, not ${s.charted}.`,
        `Bill ${s.code} for the patient's ${plural(s.counted, 'minute')} on one claim line; the second clinician's minutes for the same time are not billed again. If the times are wrong (the sessions were one after the other), correct them.`,
        CPM_20_3,
        s.items,
        { headline: `${s.code}: co-treatment, count ${s.counted} min once, not ${s.charted}` },
      );
    });
}

function overlaps(ctx: Context): Finding[] {
  // Same-code lines already counted once as co-treatment are not also "two services".
  const shared = new Set(flatten(ctx.sharedTime, (s) => (s.how === 'clock' ? s.items : [])));
  const timedItems = ctx.items.filter((i) => i.entry.startTime && i.entry.endTime && !i.row?.supervisedModality && toMin(i.entry.endTime) > toMin(i.entry.startTime));
  const out: Finding[] = [];
  const sorted = [...timedItems].sort((a, b) => toMin(a.entry.startTime!) - toMin(b.entry.startTime!));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const start = toMin(b.entry.startTime!);
      const aEnd = toMin(a.entry.endTime!);
      if (start >= aEnd) break;
      const overlap = Math.min(aEnd, toMin(b.entry.endTime!)) - start;
      if (shared.has(a) && shared.has(b) && a.code === b.code) continue;
      out.push(
        finding('minutes.overlap', 'warning', [a.code, b.code].filter((c): c is string => !!c), `${a.name} (${a.entry.startTime}–${a.entry.endTime}) and ${b.name} (${b.entry.startTime}–${b.entry.endTime}) overlap by ${plural(overlap, 'minute')}. Two one-on-one services cannot be reported for the same time; only supervised modalities (97010–97028) may overlap.`, 'Correct the times, or count the shared minutes toward one service only.', 'NCCI Policy Manual 2026 Ch. XI §P.2; CMS Claims Processing Manual Pub. 100-04 Ch. 5 §20.3', [a, b] as Item[], { headline: `${tag(a)} and ${tag(b)} overlap ${plural(overlap, 'minute')}` }),
      );
    }
  }
  return out;
}
