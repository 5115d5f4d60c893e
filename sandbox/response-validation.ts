// Checks a response body against the contract's schema for its operation and status.
// Stricter than the contract in one way: a success payload may not carry fields the
// contract does not name, so the sandbox cannot quietly drift from it.
import { OpenAPIValidator } from 'openapi-backend';
import { addContractFormats, type Contract } from './contract.ts';

export type ResponseCheck = (operationId: string, status: number, body: unknown) => string[];

const built = new WeakMap<Contract, ResponseCheck>();

export function responseValidator(contract: Contract): ResponseCheck {
  let check = built.get(contract);
  if (!check) {
    const definition = structuredClone(contract.definition);
    const paths = definition.paths as unknown as Record<
      string,
      Record<string, { responses?: Record<string, ResponseObject> }>
    >;
    for (const item of Object.values(paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const schema = response.content?.['application/json']?.schema;
          if (status.startsWith('2') && schema?.properties?.data) closeObjects(schema.properties.data);
        }
      }
    }
    const validator = new OpenAPIValidator({
      definition,
      lazyCompileValidators: true,
      ajvOpts: { allErrors: true },
      customizeAjv: (ajv) => addContractFormats(ajv),
    });
    check = (operationId, status, body) => {
      const result = validator.validateResponse(body, operationId, status);
      return (result.errors ?? []).map((e) => {
        const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
        return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
      });
    };
    built.set(contract, check);
  }
  return check;
}

interface SchemaObject {
  type?: string;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: unknown;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

interface ResponseObject {
  content?: Record<string, { schema?: SchemaObject }>;
}

function closeObjects(schema: SchemaObject, depth = 0): void {
  if (depth > 12) return;
  if (
    schema.properties &&
    schema.additionalProperties === undefined &&
    !schema.allOf &&
    !schema.oneOf &&
    !schema.anyOf
  )
    schema.additionalProperties = false;
  for (const child of Object.values(schema.properties ?? {})) closeObjects(child, depth + 1);
  if (schema.items) closeObjects(schema.items, depth + 1);
}
