// One doctor check: a small function that looks at one thing and says what it found.
// `ccpos doctor` and the app's "test connection" run the same list.
import type { CheckStatus, DiagnosticCheck, SaidSentence } from '../../shared/diagnostics.ts';
import type { TerminalSettings } from '../../shared/settings.ts';
import type { LoginFacts } from '../carecloud/auth.ts';
import type { CareCloudClient } from '../carecloud/client.ts';
import type { KeyStorage } from '../settings/key-storage.ts';

/** One sentence of the screens' catalogue: the check's finding in the language of the screen that asked. */
export type Said = SaidSentence;

export type CheckOutcome = { status: CheckStatus; detail: string; said?: Said[] };

export interface DoctorContext {
  settings: TerminalSettings;
  /** Why CareCloud cannot be called with these settings; empty when it can. */
  configProblems: string[];
  client(): CareCloudClient;
  now(): number;
  /** The terminal's data folder, whose permissions are checked; absent where none is used. */
  dataDir?: string;
  /** Where the password's key lives, as the app recorded it; absent where no settings file is used. */
  keyStorage?: KeyStorage;
  /** Results of the checks that ran before, by id. */
  earlier: ReadonlyMap<string, DiagnosticCheck>;
  /** What earlier checks learnt that later ones use. */
  facts: { login?: LoginFacts; serverDate?: Date };
}

export interface DoctorCheck {
  id: string;
  title: string;
  run(context: DoctorContext): Promise<CheckOutcome>;
}

const outcome =
  (status: CheckStatus) =>
  (detail: string, ...said: Said[]): CheckOutcome =>
    said.length > 0 ? { status, detail, said } : { status, detail };
export const pass = outcome('pass');
export const warn = outcome('warn');
export const fail = outcome('fail');
export const skip = outcome('skip');

/** A sentence of the catalogue with its values. */
export const say = (key: Said['key'], params?: Said['params']): Said => (params ? { key, params } : { key });

/** Skips unless the named earlier check passed (or warned). */
export function needs(context: DoctorContext, id: string): CheckOutcome | null {
  const earlier = context.earlier.get(id);
  if (earlier && (earlier.status === 'pass' || earlier.status === 'warn')) return null;
  return skip(`needs "${earlier?.title ?? id}" to pass first`, say('diag.needsEarlier'));
}
