// The screens' own words for a test run in each language: the message catalogues, not
// sentences copied into the tests, so a changed translation changes the expectation too.
import { translate, type Language, type MessageKey, type MessageParams } from '../../../shared/i18n/index.ts';

/** Every flow at the lane runs in both of the terminal's languages. */
export const laneLanguages = ['cs', 'en'] as const satisfies readonly Language[];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A message as a whole-text pattern: the given placeholders filled, any other (a sale's
 * reference, a queue position the test cannot know) matching any text.
 */
export function messagePattern(language: Language, key: MessageKey, params: MessageParams = {}): RegExp {
  const filled = translate(language, key, params);
  return new RegExp(`^${escapeRegExp(filled).replace(/\\\{\w+\\\}/g, '.+')}$`);
}
