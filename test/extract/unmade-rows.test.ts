// @vitest-environment happy-dom
// Rows a form keeps without charting them (red team, live reader): a hidden template for new
// lines, a line marked for removal until the form is saved. Each failed before its fix.
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import { detectRows } from '../../lib/extract/detect';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTIONS: ReadOptions = {
  ...vocabularyOptions(
    catalog.rows.map((r) => r.code),
    phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
  ),
  // As the content script's checkVisibility() sees a page's own hiding (happy-dom has no layout).
  shown: (el) => !el.closest('[hidden], [style*="display:none"], [style*="display: none"]'),
};
const BANNER = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>';
const HEAD = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>';
const line = (name: string, code: string, min: string, units: string, mod = 'GP', attrs = '', extra = '') =>
  `<tr ${attrs}><td><input value="${name}"></td><td><input value="${code}"></td><td><input value="${min}"></td><td><input value="${units}">${extra}</td><td><input value="${mod}"></td></tr>`;

function read(body: string) {
  document.body.innerHTML = `${BANNER}<form><table>${HEAD}<tbody>${body}</tbody></table></form>`;
  const visit = new PageSession(document, () => OPTIONS).flush()!.visits[0]!.visit;
  return { lines: visit.entries.map((e) => `${e.code ?? '?'}:${e.minutes}:${e.units}`), rules: evaluate(visit).findings.map((f) => f.rule) };
}

describe('rows a form keeps without charting them', () => {
  it('a hidden template for new lines, its example values filled in, is no line (before: 97110 counted twice, 45 min "bill 3")', () => {
    const r = read(`${line('Ther ex', '97110', '20', '1')}${line('Manual', '97140', '10', '1')}${line('Ther ex', '97110', '15', '1', 'GP', 'class="line template" style="display:none"')}`);
    expect(r.lines).toEqual(['97110:20:1', '97140:10:1']);
  });

  it('a hidden blank row holding only a default unit count is no line (before: "code missing" on a row nobody sees)', () => {
    const r = read(`${line('Ther ex', '97110', '23', '2')}${line('', '', '', '1', '', 'style="display:none"')}`);
    expect(r.lines).toEqual(['97110:23:2']);
    expect(r.rules).not.toContain('code.missing');
  });

  it('a line removed in a Rails nested form (hidden _destroy = 1, or its remove box ticked) is no line; one kept (_destroy = false) is', () => {
    const destroy = (v: string) => `<input type="hidden" name="visit[lines_attributes][1][_destroy]" value="${v}">`;
    const removed = read(`${line('Ther ex', '97110', '23', '2')}${line('Manual', '97140', '15', '1', 'GP', 'style="display: none;"', destroy('1'))}`);
    expect(removed.lines).toEqual(['97110:23:2']);
    const kept = read(`${line('Ther ex', '97110', '23', '2')}${line('Manual', '97140', '15', '1', 'GP', '', destroy('false'))}`);
    expect(kept.lines).toEqual(['97110:23:2', '97140:15:1']);
    const ticked = read(`${line('Ther ex', '97110', '23', '2')}${line('Manual', '97140', '15', '1', 'GP', '', '<input type="hidden" name="x[_destroy]" value="0"><input type="checkbox" name="x[_destroy]" value="1" checked>')}`);
    expect(ticked.lines).toEqual(['97110:23:2']);
  });

  it('a removed line is left out too when its table is read alone (a region read again as the user types), the form around it', () => {
    read(`${line('Ther ex', '97110', '23', '2')}${line('Manual', '97140', '15', '1', 'GP', 'style="display: none;"', '<input type="hidden" name="x[1][_destroy]" value="1">')}`);
    const table = document.querySelector('table')!;
    expect(detectRows(table, OPTIONS).rows).toHaveLength(1);
  });

  it('still lines: a shown row with only its units typed (its missing code said), and a hidden row with a line in it (a collapsed section is billed)', () => {
    const started = read(`${line('Ther ex', '97110', '23', '2')}${line('', '', '', '1', '')}`);
    expect(started.lines).toEqual(['97110:23:2', '?:undefined:1']);
    expect(started.rules).toContain('code.missing');
    const collapsed = read(`${line('Ther ex', '97110', '23', '2')}${line('Manual', '97140', '8', '1', 'GP', 'style="display:none"')}`);
    expect(collapsed.lines).toEqual(['97110:23:2', '97140:8:1']);
  });
});
