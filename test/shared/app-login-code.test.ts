import { describe, expect, it } from 'vitest';
import { formatAppLoginCode, readAppLoginCode } from '../../shared/carecloud/app-login-code.ts';

describe('the mobile app’s login code', () => {
  it('carries the request id and the token, and reads back', () => {
    const code = { token: 'V952TL', tokenRequestId: '702baa4a40a57694831321e5d02605d4' };
    expect(formatAppLoginCode(code)).toBe('702baa4a40a57694831321e5d02605d4:V952TL');
    expect(readAppLoginCode(` ${formatAppLoginCode(code)}\n`)).toEqual(code);
  });

  it('takes a code of the token alone as both', () => {
    expect(readAppLoginCode('V952TL')).toEqual({ token: 'V952TL', tokenRequestId: 'V952TL' });
  });

  it('is not anything else a scanner may read', () => {
    for (const text of ['', ':', 'abc:', ':abc', 'https://example.cz/x', 'a:b:c', 'ab cd', 'a'.repeat(201)])
      expect(readAppLoginCode(text), text).toBeNull();
  });
});
