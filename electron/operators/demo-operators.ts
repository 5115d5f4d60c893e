// The demo terminal's operators; their PINs are printed in the README.
import type { OperatorDirectory } from './operators.ts';

export const demoOperators = [
  { name: 'Demo Cashier', role: 'cashier', pin: '1111' },
  { name: 'Demo Manager', role: 'manager', pin: '9999' },
] as const;

export async function seedDemoOperators(directory: OperatorDirectory): Promise<void> {
  if (directory.list().length > 0) return;
  for (const operator of demoOperators) await directory.add(operator);
}
