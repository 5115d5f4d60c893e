import type { Answer, CallOptions, Pipeline } from '../pipeline.ts';
import type { DataOf } from '../types.ts';

export function testsResource(pipeline: Pipeline) {
  return {
    /** GET /tests/connection: needs no token; CareCloud echoes test_string. */
    connection: (testString: string, options?: CallOptions): Promise<Answer<DataOf<'getTestsConnection'>>> =>
      pipeline.send(
        {
          method: 'GET',
          path: '/tests/connection',
          query: { test_string: testString },
          authenticated: false,
        },
        { fresh: true, ...options },
      ),
  };
}
