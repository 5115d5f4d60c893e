import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, UnexpectedResponseError } from '../../electron/carecloud/errors.ts';
import { json, type Responder } from '../support/loopback.ts';
import { fixture, loginAnswer, PASSWORD, type Fixture } from './fixture.ts';

const ok = json(200, { data: { cards: [], total_items: 0 } });
const unauthorized = json(401, {
  error: {
    type: 'https://x',
    exception: 'unauthorized_exception',
    title: 'Unauthorized',
    detail: 'Token expired',
  },
});

/** 401 unless the request carries `token`. */
const onlyWith =
  (token: string): Responder =>
  (request, res) =>
    (request.headers.authorization === `Bearer ${token}` ? ok : unauthorized)(request, res);

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

describe('session', () => {
  it('logs in once and reuses the token until shortly before valid_to', async () => {
    f = await fixture();
    const now = () => f.clock.now;
    f.server.on(
      'POST',
      '/users/actions/login',
      loginAnswer('token-1', now, 3600_000),
      loginAnswer('token-2', now, 3600_000),
    );
    f.server.on('GET', '/cards', ok);
    await f.client.cards.byNumber('1');
    await f.client.cards.byNumber('2');
    expect(f.server.count('POST', '/users/actions/login')).toBe(1);

    f.clock.now += 3600_000 - 30_000; // inside the renewal margin before valid_to
    await f.client.cards.byNumber('3');
    expect(f.server.count('POST', '/users/actions/login')).toBe(2);
    expect(f.server.requests.at(-1)!.headers.authorization).toBe('Bearer token-2');
  });

  it('concurrent first calls share one login', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', ok);
    await Promise.all([
      f.client.cards.byNumber('1'),
      f.client.cards.byNumber('2'),
      f.client.cards.byNumber('3'),
    ]);
    expect(f.server.count('POST', '/users/actions/login')).toBe(1);
  });

  it('a 401 triggers one re-login and one retry, also for a POST that is not idempotent', async () => {
    f = await fixture();
    f.server.on('POST', '/users/actions/login', loginAnswer('token-1'), loginAnswer('token-2'));
    f.server.on('POST', '/vouchers/v1/actions/apply-voucher', onlyWith('token-2'));
    await f.client.vouchers.applyVoucher('v1', { date_applied: '2026-06-15 12:00:00' });
    expect(f.server.count('POST', '/users/actions/login')).toBe(2);
    expect(f.server.count('POST', '/vouchers/v1/actions/apply-voucher')).toBe(2);
  });

  it('two concurrent 401s produce one login', async () => {
    f = await fixture();
    f.server.on(
      'POST',
      '/users/actions/login',
      loginAnswer('token-1'),
      loginAnswer('token-2'),
      loginAnswer('token-3'),
    );
    f.server.on('GET', '/cards', ok);
    await f.client.cards.byNumber('warm-up');
    f.server.on('GET', '/cards', onlyWith('token-2'));
    await Promise.all([f.client.cards.byNumber('1'), f.client.cards.byNumber('2')]);
    expect(f.server.count('POST', '/users/actions/login')).toBe(2);
  });

  it('a second 401 after the re-login is final: no loop', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', unauthorized);
    const error = (await f.client.cards.byNumber('1').catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(f.server.count('POST', '/users/actions/login')).toBe(2);
    expect(f.server.count('GET', '/cards')).toBe(2);
  });

  it('refused credentials are an AuthenticationError and are not retried', async () => {
    f = await fixture();
    f.server.on(
      'POST',
      '/users/actions/login',
      json(403, {
        error: { type: 't', exception: 'forbidden_exception', title: 'Forbidden', detail: 'Wrong login' },
      }),
    );
    f.server.on('GET', '/cards', ok);
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(AuthenticationError);
    expect(f.server.count('POST', '/users/actions/login')).toBe(1);
  });

  it('a login answer without a token or with an unreadable valid_to is unexpected', async () => {
    f = await fixture();
    f.server.on('POST', '/users/actions/login', json(200, { data: { valid_to: '2026-06-15 18:00:00' } }));
    f.server.on('GET', '/cards', ok);
    await expect(f.client.cards.byNumber('1')).rejects.toBeInstanceOf(UnexpectedResponseError);
    f.server.on(
      'POST',
      '/users/actions/login',
      json(200, { data: { bearer_token: 't', valid_to: 'tomorrow' } }),
    );
    await expect(f.client.cards.byNumber('1')).rejects.toThrow(/valid_to/);
  });

  it('a valid_to already past by our clock does not cause a login per call', async () => {
    f = await fixture();
    f.server.on(
      'POST',
      '/users/actions/login',
      loginAnswer('token-1', () => f.clock.now, -3600_000),
    );
    f.server.on('GET', '/cards', ok);
    await f.client.cards.byNumber('1');
    await f.client.cards.byNumber('2');
    expect(f.server.count('POST', '/users/actions/login')).toBe(1);
  });

  it('never writes the token or the password to the log', async () => {
    f = await fixture();
    f.server.on('POST', '/users/actions/login', loginAnswer('token-1'), loginAnswer('token-2'));
    f.server.on('GET', '/cards', onlyWith('token-2'));
    await f.client.cards.byNumber('1');
    const all = f.rawLogs.join('\n');
    expect(f.rawLogs.length).toBeGreaterThan(0);
    expect(all).not.toContain('token-1');
    expect(all).not.toContain('token-2');
    expect(all).not.toContain(PASSWORD);
  });

  it('logs out the current session with its own token', async () => {
    f = await fixture();
    f.server.on('GET', '/cards', ok);
    f.server.on('POST', '/users/actions/logout', (_request, res) => {
      res.writeHead(204);
      res.end();
    });
    await f.client.cards.byNumber('1');
    await f.client.users.logoutCurrent();
    const logout = f.server.requests.find((r) => r.path === '/users/actions/logout')!;
    expect(logout.headers.authorization).toBe('Bearer token-1');
    expect(JSON.parse(logout.body)).toEqual({
      bearer_token: 'token-1',
      user_external_application_id: 'app-1',
    });
    expect(f.client.session.hasToken).toBe(false);
    expect(f.server.count('POST', '/users/actions/login')).toBe(1);
  });
});
