import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

// `virtual:unitwise-vocabulary`: just the known codes and intervention phrases the content
// script needs to find a visit's rows, taken from the rule data files at build time. Importing
// the data files themselves would ship every row's name, source and notes in the script that
// runs on every EHR page (about 5 kB gzip of its 25 kB budget). The files are validated by
// zod where the rules load them (lib/rules/data); here only the two fields are read.

const ID = 'virtual:unitwise-vocabulary';
const DETECT_KINDS = new Set(['name']);
const DATA = resolve(import.meta.dirname, '..', 'lib', 'rules', 'data');

export function vocabulary(): { codes: string[]; phrases: [phrase: string, code: string][] } {
  const catalog = JSON.parse(readFileSync(resolve(DATA, 'catalog.json'), 'utf8')) as { rows: { code: string }[] };
  const phrases = JSON.parse(readFileSync(resolve(DATA, 'phrases.json'), 'utf8')) as { rows: { code: string; kind?: string; phrases: string[] }[] };
  // Only what names an intervention ("gait training", "ther ex", "neuromuscular re-ed") finds
  // a visit's rows: the technique, activity, equipment and intent words the code suggestions
  // weigh stay with the rules (all of them would add some 7 kB gzip to every page).
  const finding = phrases.rows.filter((r) => r.kind === undefined || DETECT_KINDS.has(r.kind));
  return { codes: catalog.rows.map((r) => r.code), phrases: finding.flatMap((r) => r.phrases.map((p) => [p, r.code] as [string, string])) };
}

export function vocabularyPlugin(): Plugin {
  return {
    name: 'unitwise-vocabulary',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      for (const file of ['catalog.json', 'phrases.json']) this.addWatchFile(resolve(DATA, file));
      const { codes, phrases } = vocabulary();
      return `export const codes = ${JSON.stringify(codes)};\nexport const phrases = ${JSON.stringify(phrases)};\n`;
    },
  };
}
