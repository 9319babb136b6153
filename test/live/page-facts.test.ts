// @vitest-environment happy-dom
// Facts written as text (payer, date of service, the patient) read as the page shows them now, however it re-draws them (a review of the first version). Each test states what a user should see.
import { beforeEach, describe, expect, it } from 'vitest';
import { mutate } from './mutate';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTIONS: ReadOptions = vocabularyOptions(catalog.rows.map((r) => r.code), phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)));
const HEAD = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
const TABLE = `<h2>Daily note</h2><table>${HEAD}<tbody><tr><td>Ther ex</td><td>97110</td><td><input name="min-0" value="23"></td><td><input value="2"></td></tr></tbody></table>`;


beforeEach(() => {
  document.body.innerHTML = '';
});

describe('"<span>Label:</span> value" facts (a label element and the text after it) as the page re-draws them', () => {
  it('the page re-renders the banner (same markup, jQuery .html()): the date of service and payer are still read', async () => {
    document.body.innerHTML = `<div id="dos"><span>DOS:</span> 11/20/2026</div><div id="payer"><span>Payer:</span> Medicare Part B</div>${TABLE}`;
    const session = new PageSession(document, () => OPTIONS);
    expect(session.flush()!.visits[0]!.visit).toMatchObject({ payer: 'Medicare Part B', dateOfService: '2026-11-20' });
    session.mutations(
      await mutate(() => {
        document.getElementById('dos')!.innerHTML = '<span>DOS:</span> 11/20/2026';
        document.getElementById('payer')!.innerHTML = '<span>Payer:</span> Medicare Part B';
      }),
      () => false,
    );
    const next = session.flush();
    expect(session.detections).toBe(1);
    // Nothing changed on screen: no update, or one that still has both facts.
    if (next) expect(next.visits[0]!.visit).toMatchObject({ payer: 'Medicare Part B', dateOfService: '2026-11-20' });
  });

  it('the next patient shown by re-rendering the banner ("<span>Patient:</span> Alice Adams" → Bob Brown) gets its own tag, not none', async () => {
    document.body.innerHTML = `<div id="banner"><span>Patient:</span> Alice Adams</div><p>Payer: Medicare Part B · DOS: 11/20/2026</p>${TABLE}`;
    const session = new PageSession(document, () => OPTIONS);
    const alice = session.flush()!.visits[0]!.visit.patientTag;
    expect(alice).toMatch(/^[0-9a-f]{8}$/);
    session.mutations(await mutate(() => (document.getElementById('banner')!.innerHTML = '<span>Patient:</span> Bob Brown')), () => false);
    const bob = session.flush()?.visits[0]?.visit.patientTag;
    // An undefined tag agrees with Alice's in sameVisitFacts: her acknowledgements would hide Bob's findings.
    expect(bob).toMatch(/^[0-9a-f]{8}$/);
    expect(bob).not.toBe(alice);
  });

  it('the page adds an icon after the label (value unchanged): the date of service is still read', async () => {
    document.body.innerHTML = `<div id="dos"><span id="l">DOS:</span> 11/20/2026</div>${TABLE}`;
    const session = new PageSession(document, () => OPTIONS);
    expect(session.flush()!.visits[0]!.visit.dateOfService).toBe('2026-11-20');
    session.mutations(await mutate(() => document.getElementById('l')!.after(Object.assign(document.createElement('i'), { className: 'icon-lock' }))), () => false);
    const next = session.flush();
    if (next) expect(next.visits[0]!.visit.dateOfService).toBe('2026-11-20');
  });
});

describe('"Label: value" facts as the page rewrites them', () => {
  it('the line grows past 200 characters: the payer is not read cut short', async () => {
    document.body.innerHTML = `<p id="line">Payer: Medicare Part B · DOS: 11/20/2026</p>${TABLE}`;
    const session = new PageSession(document, () => OPTIONS);
    expect(session.flush()!.visits[0]!.visit.payer).toBe('Medicare Part B');
    const alerts = 'Alerts: fall risk, latex allergy, hard of hearing, prefers morning appointments, interpreter not needed, transport by family member, call ahead 30 min';
    session.mutations(await mutate(() => (document.getElementById('line')!.textContent = `DOS: 11/21/2026 · ${alerts} · Payer: Aetna Medicare Advantage PPO`)), () => false);
    const payer = session.flush()?.visits[0]?.visit.payer;
    // 'Aetna Medicare Advantage PPO', or no payer (as a fresh read of this line gives): never a cut name.
    expect([undefined, 'Aetna Medicare Advantage PPO']).toContain(payer);
  });

  it('the label is rewritten in capitals ("Payer:" → "PAYER:", same payer): the payer is still read', async () => {
    document.body.innerHTML = `<p id="line">Payer: Medicare Part B · DOS: 11/20/2026</p>${TABLE}`;
    const session = new PageSession(document, () => OPTIONS);
    expect(session.flush()!.visits[0]!.visit.payer).toBe('Medicare Part B');
    session.mutations(await mutate(() => (document.getElementById('line')!.textContent = 'PAYER: Medicare Part B · DOS: 11/20/2026')), () => false);
    const next = session.flush();
    // The same payer: no update, or one that still names it.
    if (next) expect(next.visits[0]!.visit.payer).toBe('Medicare Part B');
  });
});

describe('the patient a page names, beside controls', () => {
  it('a banner holding controls ("Patient: <b>Alice A</b> · Payer: <input>", test/fixtures/ehr/next-patient.html) names its patient', () => {
    document.body.innerHTML = `<div id="banner">Patient: <b id="pt">Alice A</b> · Payer: <input id="payer" value="Medicare Part B"> · Date of service: <input id="dos" value="11/20/2026"></div>${TABLE}`;
    const session = new PageSession(document, () => OPTIONS);
    expect(session.flush()!.visits[0]!.visit.patientTag).toMatch(/^[0-9a-f]{8}$/);
  });
});
