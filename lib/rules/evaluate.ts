import type { Evaluation, Settings, Visit } from '../model';
import type { RuleData } from './data';

// Placeholder signature while the engine is being written (issue 2).
export function evaluate(_visit: Visit, _settings?: Partial<Settings>, _data?: RuleData): Evaluation {
  throw new Error('evaluate: not written yet');
}
