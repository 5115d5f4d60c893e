// The language CareCloud is asked to answer in. The saved setting is the default; work
// done for a screen (an IPC request) runs `speaking` that screen's language, so a cashier
// who pressed F4 gets CareCloud's messages and names in the language they now read.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Language } from '../../shared/i18n/language.ts';

const spoken = new AsyncLocalStorage<Language>();

/** Runs `work` with every CareCloud call inside it (awaited or not) asking for `language`. */
export function speaking<T>(language: Language, work: () => T): T {
  return spoken.run(language, work);
}

/** The language of the screen the current work is for, if any. */
export function spokenLanguage(): Language | undefined {
  return spoken.getStore();
}
