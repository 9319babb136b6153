import { Window } from 'happy-dom';
import { vocabulary } from '../../scripts/vocabulary-plugin';
import { bigFlowsheetBody } from './form';
import { median, type Figure } from './report';

// First read (detection + reading) of a grown flowsheet in happy-dom, at 500, 2,000 and 8,000
// fields: the figure that tells whether reading grows linearly with the form.

export const FIELD_COUNTS = [500, 2000, 8000] as const;

export async function benchReadHappyDom(runs = 7): Promise<Figure[]> {
  const win = new Window();
  // lib/extract uses the DOM's globals (instanceof checks, NodeFilter, getComputedStyle).
  for (const key of ['Node', 'Element', 'HTMLElement', 'HTMLInputElement', 'HTMLSelectElement', 'HTMLTextAreaElement', 'NodeFilter', 'ShadowRoot', 'Text', 'HTMLIFrameElement'] as const) {
    (globalThis as Record<string, unknown>)[key] = (win as unknown as Record<string, unknown>)[key];
  }
  Object.assign(globalThis, { window: win, document: win.document, getComputedStyle: win.getComputedStyle.bind(win), CSS: { escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) } });
  const { readVisit, vocabularyOptions } = await import('../../lib/extract/read');
  const { codes, phrases } = vocabulary();
  const options = { profiles: [], ...vocabularyOptions(codes, phrases) };
  const out: Figure[] = [];
  const perField: number[] = [];
  for (const fields of FIELD_COUNTS) {
    win.document.body.innerHTML = bigFlowsheetBody(fields / 5);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      rows = readVisit(win.document as unknown as Document, options).visit.entries.length;
      times.push(performance.now() - t);
    }
    const ms = median(times.slice(1)); // the first run warms the JIT
    perField.push((ms / fields) * 1000);
    out.push({ group: 'first read', measure: `happy-dom: detect + read, ${fields.toLocaleString('en-US')} fields (${rows} rows read)`, value: ms, unit: 'ms' });
  }
  const growth = perField[2]! / perField[0]!;
  out.push({ group: 'first read', measure: 'happy-dom: cost per field at 8,000 vs at 500 (1 = linear)', value: growth, unit: '×', budget: 2, note: 'linear growth, with room for noise' });
  await win.happyDOM.close();
  return out;
}
