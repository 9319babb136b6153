// @vitest-environment happy-dom
// Review probes of 21cf5ac (lib/live/passed-fields.ts, PageSession.edit / #taken): each test
// types as a clinician would and compares what was sent with a fresh read of the page as it is.
// Each failed on 21cf5ac and passed on aeee3f3. Then the review's checks that passed on both.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, freshFacts, input, sentFacts, sentVisits, typeThrough, typing, unitsTable } from './read-page';

const H1 = '<h1>Daily note — Ann Lee — 11/02/2026</h1>';
const H1_AETNA = `${H1}<p>Payer: Aetna</p>`;
const FORM = '<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td><input value="24"></td><td><input value="2"></td></tr></tbody></table>';
/** Lines with their label too (documentation.thin and code.suggest read it). */
const labelled = (u: Parameters<typeof sentVisits>[0]) => sentVisits(u).map(({ part }) => part.visit.entries.map((e) => `${e.code} ${e.minutes} ${e.label ?? '-'}`));
const freshLabelled = () => labelled([new PageSession(document, () => OPTIONS).flush()]);

describe('(b) a box passed over that a read takes as a visit fact through its wrapper', () => {
  it('payer typed in a Bootstrap-style input group after a "Payer" label (no for=): the payer is the whole name, not its first letter', async () => {
    const html = `${H1}<div class="form-group"><label>Payer</label><div class="input-group"><span class="input-group-text"><i class="bi-search"></i></span><input id="p"></div></div>${FORM}`;
    const { sent } = await typeThrough(html, typing('#p', 'Medicare'));
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('a coverage by its rank ("Primary", its box in a wrapper): "Aetna Medicare Advantage" (Medicare rules), not "Aetna"', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><div><span>Primary</span><span class="w"><input id="p"></span></div>${FORM}`;
    const { sent } = await typeThrough(html, typing('#p', 'Aetna Medicare Advantage'));
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('date of service typed in a date picker (input + calendar icon) after a "Date of service" label', async () => {
    const html = `<h1>Daily note — Ann Lee</h1><p>Payer: Aetna</p><div><div class="control-label">Date of service</div><div class="input-group"><input id="d"><span class="input-group-append"><i class="cal"></i></span></div></div>${FORM}`;
    const { sent } = await typeThrough(html, typing('#d', '11/03/2026'));
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});

describe('(a) a box in a row read, none of its fields at the read, that a fresh read takes as one', () => {
  it('a "Time" box that held a clock time, corrected to the minutes spent', async () => {
    const html = `${H1}<p>Payer: Aetna</p><table><thead><tr><th>CPT</th><th>Time</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td><input id="t" value="10:05"></td><td><input value="2"></td></tr><tr><td>97140</td><td><input value="10"></td><td><input value="1"></td></tr></tbody></table>`;
    const steps = [() => { const el = document.querySelector('#t') as HTMLInputElement; el.value = ''; return el; }, ...typing('#t', '23')];
    const { sent } = await typeThrough(html, steps);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });

  it('an unheaded description column typed into: the line gets its description (documentation / code.suggest read it)', async () => {
    const html = `${H1}<p>Payer: Aetna</p><table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th></th></tr></thead><tbody><tr><td>97110</td><td>${input(24)}</td><td>${input(2)}</td><td><input id="d"></td></tr></tbody></table>`;
    const { sent } = await typeThrough(html, typing('#d', 'Step-ups R knee for stairs'));
    expect(labelled(sent)).toEqual(freshLabelled());
  });

  it('a div charge line whose code box made it a line: the code cleared, the line is gone as a fresh read says', async () => {
    const html = `${H1}<p>Payer: Aetna</p><div class="lines"><div class="line"><input id="c"> <label>Min <input id="m"></label></div></div>`;
    const { sent } = await typeThrough(html, [...typing('#c', '97110'), ...typing('#m', '15'), ...[4, 3, 2, 1, 0].map((n) => () => { const el = document.querySelector('#c') as HTMLInputElement; el.value = '97110'.slice(0, n); return el; })]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});

describe('checks that held on 21cf5ac', () => {
  it('a note line typed in an <input> labelled Note beside a units-only table', async () => {
    const { sent } = await typeThrough(`${H1_AETNA}<label>Note <input id="n"></label>${unitsTable('97110', 'Ther ex')}`, typing('#n', 'Ther ex 15 min'));
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
  it('a div line typed field by field, code last (minutes unlabelled but placeholder)', async () => {
    const html = `${H1_AETNA}${FORM}<div class="lines"><div class="line"><input id="m" placeholder="min"> <input id="c" placeholder="code"></div></div>`;
    const { sent } = await typeThrough(html, [...typing('#m', '15'), ...typing('#c', '97140')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
  it('a div line, both boxes unlabelled, unit word after the minutes', async () => {
    const html = `${H1_AETNA}${FORM}<div class="lines"><div class="line"><input id="c"> <span><input id="m"> min</span></div></div>`;
    const { sent } = await typeThrough(html, [...typing('#c', '97140'), ...typing('#m', '15')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
  it('a box re-drawn per keystroke (a new element each time): correct; rereads counted', async () => {
    const steps = [...'Tolerated'].map((_, k) => () => {
      const old = document.querySelector('#c') as HTMLInputElement;
      const el = document.createElement('input');
      el.id = 'c';
      el.value = 'Tolerated'.slice(0, k + 1);
      old.replaceWith(el);
      return el;
    });
    const { sent } = await typeThrough(`${H1_AETNA}<label>Visit comment <span><input id="c"></span></label>${FORM}`, steps);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
  it('an input inside a contenteditable note', async () => {
    const html = `${H1_AETNA}<div contenteditable="true"><p>Ther ex 15 min</p><p>Comment: <input id="c"></p></div>${unitsTable('97110', 'Ther ex')}`;
    const { sent } = await typeThrough(html, typing('#c', '97140 10 min'));
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
  it('units typed "2u" in a row; payer typed in an unlabelled box', async () => {
    const html = `<h1>Daily note — Ann Lee — 11/02/2026</h1><input id="p"><table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td>${input(24)}</td><td><input id="u"></td></tr></tbody></table>`;
    const { sent } = await typeThrough(html, [...typing('#u', '2u'), ...typing('#p', 'Medicare')]);
    expect(sentFacts(sent)).toEqual(freshFacts());
  });
});
