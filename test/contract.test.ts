import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContract, contractPaths, typesFromTrimmed } from '../scripts/contract/build.ts';

describe('the trimmed CareCloud contract', () => {
  it('has generated types that match the committed trimmed copy', async () => {
    const trimmed = readFileSync(contractPaths.trimmed, 'utf8');
    expect(await typesFromTrimmed(trimmed)).toBe(readFileSync(contractPaths.types, 'utf8'));
  });

  it.runIf(existsSync(contractPaths.vendor) && existsSync(contractPaths.conventions))(
    'is what the vendor specification and conventions give today',
    async () => {
      const built = await buildContract();
      expect(built.trimmedText).toBe(readFileSync(contractPaths.trimmed, 'utf8'));
      expect(built.reasonsText).toBe(readFileSync(contractPaths.reasons, 'utf8'));
    },
  );

  it('keeps no vendor prose', () => {
    const trimmed = readFileSync(contractPaths.trimmed, 'utf8');
    expect(trimmed).not.toMatch(/"(x-codeSamples|summary)"/);
    expect(JSON.parse(trimmed).paths['/purchases/actions/send-purchase'].post.operationId).toBe(
      'postPurchaseSend',
    );
  });
});
