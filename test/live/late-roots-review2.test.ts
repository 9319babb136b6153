// @vitest-environment happy-dom
// Review probe of 21cf5ac (lib/live/late-roots.ts: undefined components kept one per name).
import { expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS, sentFacts } from './read-page';
import { mutate } from './mutate';
import { FORM, H1, define, tagName } from './components';

it('two elements of a component not defined yet, the first taken out (a dialog closed): the other is read when the script loads', async () => {
  const tag = tagName();
  document.body.innerHTML = `${H1}<div id="dlg"><${tag}></${tag}></div><main><${tag}></${tag}></main>`;
  const session = new PageSession(document, () => OPTIONS);
  const sent = [session.flush()];
  // The page takes the first one out (its dialog closed): a mutation, told as the content script does.
  if (session.mutations(await mutate(() => document.getElementById('dlg')!.remove(), document), () => false)) sent.push(session.flush());
  // The content script's clock, before the bundle has loaded.
  expect(session.componentsUpgraded()).toBe(false);
  // The bundle loads: the remaining element is upgraded, no mutation says so.
  define(tag, FORM);
  expect(document.querySelector(tag)!.shadowRoot).not.toBeNull();
  if (session.componentsUpgraded()) sent.push(session.flush());
  expect(sentFacts(sent)[0]?.[3]).toEqual(['97110 24']);
});

it('a view put in at once (a schedule of 1,100 entries, then the visit component): the component\'s form is read', async () => {
  const tag = tagName();
  define(tag, `<h2>Patient: Bob Ray — 11/02/2026</h2>${FORM.replace('97110', '97116').replace('"24"', '"31"')}`);
  document.body.innerHTML = `${H1}${FORM}<div id="app"></div>`;
  const session = new PageSession(document, () => OPTIONS);
  const sent = [session.flush()];
  const records = await mutate(() => {
    const side = document.createElement('aside');
    side.innerHTML = `<div class="schedule">${'<div class="slot"><span>9:00</span></div>'.repeat(550)}</div>`;
    document.getElementById('app')!.append(side, document.createElement(tag));
  }, document);
  if (session.mutations(records, () => false)) sent.push(session.flush());
  const fresh = sentFacts([new PageSession(document, () => OPTIONS).flush()]);
  expect(fresh.map((f) => f[3])).toEqual([['97110 24'], ['97116 31']]);
  expect(sentFacts(sent).map((f) => f[3])).toEqual(fresh.map((f) => f[3]));
});
