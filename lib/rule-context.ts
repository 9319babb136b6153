import type { Settings } from './model';
import { builtInRuleData, loadRuleData, type RuleData, type TableInfo } from './rules/data';
import { effectiveSettings, type EffectiveSettings } from './settings';

// What the background evaluates with: the settings in force and the rule data (the imported
// pack, or the built-in tables when none is imported or the imported one is broken).

export interface RuleContext extends EffectiveSettings {
  data: RuleData;
}

export function ruleDataFrom(pack: unknown): { data: RuleData; warning?: string } {
  if (pack === null || pack === undefined) return { data: builtInRuleData() };
  try {
    return { data: loadRuleData(pack) };
  } catch (e) {
    return { data: builtInRuleData(), warning: `The imported rule data could not be read (${(e as Error).message.slice(0, 200)}); the built-in tables are used. Import the CMS files again in Options.` };
  }
}

export function ruleContext(localSettings: unknown, managed: unknown, pack: unknown): RuleContext {
  const eff = effectiveSettings(localSettings, managed);
  const { data, warning } = ruleDataFrom(pack);
  return { ...eff, data, warnings: warning ? [...eff.warnings, warning] : eff.warnings };
}

/** The data tables in force, as stored beside an evaluation (for the panel and exports). */
export function tablesOf(data: RuleData): Pick<TableInfo, 'name' | 'version' | 'effective' | 'starter'>[] {
  return data.tables.map(({ name, version, effective, starter }) => ({ name, version, effective, starter }));
}

