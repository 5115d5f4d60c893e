import { logIn, type Credentials, type LoginResult } from '../auth.ts';
import type { CallOptions, Pipeline } from '../pipeline.ts';

export function usersResource(pipeline: Pipeline, timeZone: () => string) {
  return {
    login: (credentials: Credentials): Promise<LoginResult> => logIn(pipeline, credentials, timeZone()),
    /** `baseUrl`: the API root the session was made at, when it is no longer the pipeline's. */
    logout: (
      bearerToken: string,
      externalApplicationId: string,
      options?: CallOptions,
      baseUrl?: string,
    ): Promise<void> =>
      pipeline.request<void>(
        {
          method: 'POST',
          path: '/users/actions/logout',
          body: { bearer_token: bearerToken, user_external_application_id: externalApplicationId },
          bearerToken,
          idempotent: true,
          purpose: 'login',
          ...(baseUrl === undefined ? {} : { baseUrl }),
        },
        options,
      ),
  };
}
