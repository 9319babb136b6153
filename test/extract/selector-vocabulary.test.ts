import { describe, expect, it } from 'vitest';
import { isSafeAttribute, isSafeIdentifier, isSafeValue, unsafeSelectorParts, wordsOf } from '../../lib/extract/selector-vocabulary';

// A taught mapping holds structure only: tags, ARIA roles, input types, positions, and ids,
// classes and attribute values made of billing/form words. Everything else is unsafe, as it
// may carry the patient's name into storage and exported files.

describe('the words of an identifier or value', () => {
  it('splits on punctuation, spaces, digits and camelCase; digits are dropped', () => {
    expect(wordsOf('rows[3].minutes')).toEqual(['rows', 'minutes']);
    expect(wordsOf('timedMinutes_total-2')).toEqual(['timed', 'minutes', 'total']);
    expect(wordsOf('CPTCode')).toEqual(['cpt', 'code']);
    expect(wordsOf('Insurance of DOE, JANE')).toEqual(['insurance', 'of', 'doe', 'jane']);
  });

  it('a value is safe only when every word is a billing/form word, with no digits', () => {
    for (const ok of ['minutes', 'Minutes', 'min-', 'units-', '].minutes', 'log-item', 'Date of service', 'cptCode', 'TX_TIME']) expect(isSafeValue(ok), ok).toBe(true);
    for (const bad of ['Insurance of DOE, JANE', 'doe_jane_minutes', 'Doe-Jane', 'DoeJane', 'MRN', 'min-3', '2026-11-20', 'Jane\'s minutes', '王芳', 'minutes 王芳', '', '-', 'Bill']) {
      expect(isSafeValue(bad), bad).toBe(false);
    }
    expect(isSafeIdentifier('log-item')).toBe(true);
    expect(isSafeIdentifier('pt-doe-jane')).toBe(false);
    expect(isSafeIdentifier('chart-Doe-Jane')).toBe(false);
    expect(isSafeIdentifier('min 2')).toBe(false);
  });

  it('roles and input types come from their fixed lists; attribute names are known ones or data- and billing words', () => {
    expect(isSafeAttribute('role', 'row')).toBe(true);
    expect(isSafeAttribute('role', 'doe')).toBe(false);
    expect(isSafeAttribute('type', 'number')).toBe(true);
    expect(isSafeAttribute('type', 'jane')).toBe(false);
    expect(isSafeAttribute('data-field', 'minutes')).toBe(true);
    expect(isSafeAttribute('data-patient', 'minutes')).toBe(false);
    expect(isSafeAttribute('data-k', undefined)).toBe(false);
    expect(isSafeAttribute('aria-label', 'Insurance of DOE, JANE')).toBe(false);
    expect(isSafeAttribute('value', 'minutes')).toBe(false);
  });
});

describe('unsafeSelectorParts', () => {
  it.each([
    '#log article.log-item',
    'div:nth-child(3) > span:nth-child(1) > input:nth-child(1)',
    'html:nth-child(1) > body:nth-child(2) > div:nth-child(1) > span:nth-child(4)',
    'input[name^="min-"]',
    'input[name^="rows["][name$="].minutes"]',
    'tr[role="row"] > td:nth-of-type(2n+1) input[type="number"]',
    "span[data-field='code']",
    'td.code + td ~ td',
    '*',
  ])('structure only: %s', (sel) => {
    expect(unsafeSelectorParts(sel)).toEqual([]);
  });

  it.each([
    ['span[aria-label="Insurance of DOE, JANE"]', 'attribute'],
    ['#chart-Doe-Jane div.row', 'id'],
    ['div.pt-doe-jane', 'class'],
    ['input[name="doe_jane_minutes"]', 'attribute'],
    ['input[title="MRN DOE"]', 'attribute'],
    ['input[placeholder="Jane Doe"]', 'attribute'],
    ['input[data-patient="Doe-Jane"]', 'attribute'],
    ['input[data-k="t"]', 'attribute'],
    ['span[itemprop="DoeJane"]', 'attribute'],
    ['td[headers="doe jane"]', 'attribute'],
    ['div[role="doe"]', 'attribute'],
    ['input[value="minutes"]', 'attribute'],
    ['input[name="min-4417"]', 'attribute'],
    ['div.\\31 23', 'syntax'],
    ['div:not(.x)', 'pseudo'],
    ['div:has(span)', 'pseudo'],
    ['span:contains("Doe")', 'pseudo'],
    ['div, span', 'syntax'],
    ['input[name="minutes" i]', 'syntax'],
    ['div >', 'syntax'],
    ['', 'syntax'],
  ])('unsafe: %s (%s)', (sel, kind) => {
    const parts = unsafeSelectorParts(sel);
    expect(parts.map((p) => p.kind)).toContain(kind);
  });

  it('lists every unsafe part, each with the text the page said', () => {
    expect(unsafeSelectorParts('#chart-Doe-Jane div.row.pt-doe-jane > span[aria-label="Insurance of DOE, JANE"]')).toEqual([
      { kind: 'id', text: 'chart-Doe-Jane' },
      { kind: 'class', text: 'pt-doe-jane' },
      { kind: 'attribute', text: '[aria-label="Insurance of DOE, JANE"]' },
    ]);
  });
});
