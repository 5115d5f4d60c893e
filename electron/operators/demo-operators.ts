// The demo terminal's operators; their PINs are printed in the README. Their names are
// shown in the language of the screen that shows them.
import type { Language } from '../../shared/i18n/language.ts';
import type { OperatorDirectory } from './operators.ts';

export const demoOperators = [
  {
    name: 'Demo Cashier',
    names: { en: 'Demo Cashier', cs: 'Ukázková pokladní' },
    role: 'cashier',
    pin: '1111',
  },
  {
    name: 'Demo Manager',
    names: { en: 'Demo Manager', cs: 'Ukázkový vedoucí' },
    role: 'manager',
    pin: '9999',
  },
] as const;

export async function seedDemoOperators(directory: OperatorDirectory): Promise<void> {
  if (directory.list().length > 0) return;
  for (const { name, role, pin } of demoOperators) await directory.add({ name, role, pin });
}

/** A demo operator's name (kept in either language) in `language`; any other name as it is. */
export function demoOperatorName(name: string, language: Language): string {
  const demo = demoOperators.find((operator) => Object.values(operator.names).includes(name as never));
  return demo ? demo.names[language] : name;
}
