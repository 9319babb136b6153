// Built by scripts/vocabulary-plugin.ts from lib/rules/data (codes and intervention phrases only).
declare module 'virtual:unitwise-vocabulary' {
  export const codes: string[];
  export const phrases: [phrase: string, code: string][];
}
