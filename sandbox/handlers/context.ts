// What an operation handler receives and returns.
import type { components, operations } from '../../shared/carecloud/api-types.ts';
import type { Project } from '../project.ts';
import type { Credentials, TokenStore } from '../tokens.ts';
import type { CustomerApiState, DeviceRecord } from '../customer-api.ts';

export type Lang = 'cs' | 'en';
export type Schemas = components['schemas'];

export interface ApiSession {
  token: string;
  userId: string;
}

export interface ProjectSettings {
  timeZone: string;
  cacheMaxAgeSeconds: number;
  /** Most vouchers one bill may carry (`max_number_of_voucher_exceeded` beyond). */
  maxVouchersPerBill: number;
  /** Smallest bill, in base-currency minor units, that may be paid partly with points. */
  pointsMinPurchaseMinor: number;
}

export interface HandlerContext {
  project: Project;
  settings: ProjectSettings;
  query: Record<string, unknown>;
  params: Record<string, string>;
  body: unknown;
  lang: Lang;
  /** Project-local `YYYY-MM-DD HH:MM:SS` of this request. */
  now: string;
  session: ApiSession | null;
  /** Fields `sort_field` may name for this operation's list. */
  sortable: readonly string[];
  auth: { credentials: Credentials; tokens: TokenStore; nowMs: number; timeZone: string };
  /** On the Customer API: the device token the request came with (null on a public operation). */
  device?: DeviceRecord | null;
  customerApi?: CustomerApiState;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The project changed (a `--state` file is rewritten). */
  changed?: boolean;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

export type RequestBody<K extends keyof operations> = operations[K] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export function ok(data: unknown, status = 200, headers?: Record<string, string>): Reply {
  return headers ? { status, body: { data }, headers } : { status, body: { data } };
}

export function changed(data: unknown, status = 200): Reply {
  return { status, body: data === undefined ? undefined : { data }, changed: true };
}

export function bodyOf<K extends keyof operations>(ctx: HandlerContext): RequestBody<K> {
  return ctx.body as RequestBody<K>;
}

export function str(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function strList(query: Record<string, unknown>, name: string): string[] | undefined {
  const value = query[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : undefined;
}

export function bool(query: Record<string, unknown>, name: string): boolean | undefined {
  const value = query[name];
  return typeof value === 'boolean' ? value : undefined;
}

export function int(query: Record<string, unknown>, name: string): number | undefined {
  const value = query[name];
  return typeof value === 'number' ? value : undefined;
}
