import { describe, expect, it } from 'vitest';
import { demoPins } from '../../renderer/src/demo.ts';
import { demoOperators } from '../../electron/operators/demo-operators.ts';

describe('demo sign-in hint', () => {
  it('shows the PINs the main process seeds for the demo operators', () => {
    expect(demoPins).toEqual(Object.fromEntries(demoOperators.map((o) => [o.role, o.pin])));
  });
});
