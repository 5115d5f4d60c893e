// The settings form's field problems as sentences.
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { useTerminal } from './context.ts';
import type { Locale } from './locale.svelte.ts';
import type { DraftField, FieldProblem } from './settings-form.svelte.ts';

const keys: Record<Exclude<FieldProblem, { text: string }>, MessageKey> = {
  url: 'settings.problem.url',
  kioskUrl: 'settings.problem.kioskUrl',
  kioskSeconds: 'settings.problem.kioskSeconds',
  kioskCountdown: 'settings.problem.kioskCountdown',
  kioskDays: 'settings.problem.kioskDays',
  cashdesk: 'settings.problem.cashdesk',
  timeout: 'settings.problem.timeout',
  pattern: 'settings.problem.pattern',
  slowPattern: 'settings.problem.slowPattern',
  timeZone: 'settings.problem.timeZone',
  idle: 'settings.problem.idle',
  weakKeyStorage: 'settings.problem.weakKeyStorage',
  printer: 'printer.problem.fields',
};

export function problemText(locale: Locale, problem: FieldProblem | undefined): string | null {
  if (problem === undefined) return null;
  return typeof problem === 'string' ? locale.t(keys[problem]) : problem.text;
}

/** For a settings section (called while it mounts): each field's problem as a sentence, or null. */
export function useFieldProblems(): (field: DraftField) => string | null {
  const { locale, settings } = useTerminal();
  return (field) => problemText(locale, settings.problems[field]);
}
