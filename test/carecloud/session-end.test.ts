// A session ended by a settings change (new credentials, another project) hands every
// token it made to the logout, including one from a login still under way.
import { describe, expect, it } from 'vitest';
import { Session, type LoginResult } from '../../electron/carecloud/auth.ts';

function loginsBy(): {
  login: () => Promise<LoginResult>;
  answer: (token: string) => void;
  asked: () => number;
} {
  const waiting: ((result: LoginResult) => void)[] = [];
  return {
    login: () => new Promise<LoginResult>((resolve) => waiting.push(resolve)),
    answer: (token) =>
      waiting.shift()?.({
        token,
        validToText: '',
        validTo: new Date(Date.now() + 3_600_000),
        serverDate: undefined,
        user: undefined,
      }),
    asked: () => waiting.length,
  };
}

describe('Session.end', () => {
  it('logs out the current token and logs in anew on the next call', async () => {
    const logins = loginsBy();
    const session = new Session(logins.login);
    const first = session.token();
    logins.answer('old');
    expect(await first).toBe('old');

    const loggedOut: string[] = [];
    session.end((token) => loggedOut.push(token));
    expect(loggedOut).toEqual(['old']);
    expect(session.hasToken).toBe(false);

    const second = session.token();
    expect(logins.asked()).toBe(1);
    logins.answer('new');
    expect(await second).toBe('new');
    expect(await session.token()).toBe('new');
  });

  it('hands a login under way to the logout once it arrives, and keeps it not', async () => {
    const logins = loginsBy();
    const session = new Session(logins.login);
    const waiting = session.token();
    const loggedOut: string[] = [];
    session.end((token) => loggedOut.push(token));

    const fresh = session.token();
    // The new session does not wait for the old one's login: it asks for its own.
    expect(logins.asked()).toBe(2);
    logins.answer('made-before-the-change');
    expect(await waiting).toBe('made-before-the-change');
    expect(loggedOut).toEqual(['made-before-the-change']);
    logins.answer('made-after');
    expect(await fresh).toBe('made-after');
    expect(await session.token()).toBe('made-after');
    expect(loggedOut).toEqual(['made-before-the-change']);
  });
});
