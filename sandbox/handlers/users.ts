// Login, logout and the connection test.
import { forbiddenApplication, invalid } from '../errors.ts';
import { localDateTime } from '../time.ts';
import { bodyOf, ok, str, type Handler } from './context.ts';

const DEMO_USER_ID = '8bed991c68a470e7aaeffbf048';

export const postUserLogin: Handler = (ctx) => {
  const body = bodyOf<'postUserLogin'>(ctx);
  const { credentials, tokens, nowMs, timeZone } = ctx.auth;
  if (body.user_external_application_id === undefined)
    throw invalid('user_external_application_id', 'required');
  if (body.login === undefined) throw invalid('login', 'required');
  if (body.password === undefined) throw invalid('password', 'required');
  if (body.user_external_application_id !== credentials.user_external_application_id) {
    throw forbiddenApplication();
  }
  if (body.login !== credentials.login)
    throw invalid('login', 'not_found', body.login, 'No user with this login.');
  if (body.password !== credentials.password)
    throw invalid('password', 'not_allowed_value', '', 'The password is wrong.');
  const issued = tokens.issue(DEMO_USER_ID, nowMs);
  return ok({
    bearer_token: issued.token,
    valid_to: localDateTime(new Date(issued.expiresAt), timeZone),
    user: {
      user_id: DEMO_USER_ID,
      login: credentials.login,
      first_name: 'Demo',
      last_name: 'Pokladní',
      email: 'demo@example.cz',
    },
  });
};

export const postUserLogout: Handler = (ctx) => {
  const body = bodyOf<'postUserLogout'>(ctx);
  if (body.user_external_application_id !== ctx.auth.credentials.user_external_application_id) {
    throw invalid('user_external_application_id', 'not_found', body.user_external_application_id);
  }
  if (!ctx.auth.tokens.revoke(body.bearer_token))
    throw invalid('bearer_token', 'not_found', body.bearer_token);
  return { status: 204 };
};

export const getTestsConnection: Handler = (ctx) => ok({ test_string: str(ctx.query, 'test_string') ?? '' });
