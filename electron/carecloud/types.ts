// Request and answer types of one CareCloud operation, read from the generated contract.
import type { components, operations } from '../../shared/carecloud/api-types.ts';

export type OperationId = keyof operations;
export type Schemas = components['schemas'];

export type QueryOf<K extends OperationId> = operations[K]['parameters'] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;

export type BodyOf<K extends OperationId> = operations[K] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

type SuccessOf<K extends OperationId> = operations[K]['responses'] extends { 200: infer S }
  ? S
  : operations[K]['responses'] extends { 201: infer S }
    ? S
    : never;

/** The `data` of the operation's success answer (undefined for 204 operations). */
export type DataOf<K extends OperationId> =
  SuccessOf<K> extends { content: { 'application/json': { data?: infer D } } } ? D : undefined;

/** One page of a list: the records and CareCloud's count of all matching records. */
export interface Page<T> {
  items: T[];
  totalItems: number;
}
