// The till's product list: `catalogue.json` in the data directory when the deployment
// has one, the demo list in demo mode, otherwise empty (manual entry still works).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalogue, catalogueSchema } from '../../shared/checkout/catalogue.ts';

export const CATALOGUE_FILE = 'catalogue.json';
const demoFile = fileURLToPath(new URL('../../resources/catalogue/demo-products.json', import.meta.url));

export class CatalogueFileError extends Error {
  constructor(file: string, problem: string) {
    super(`The product list ${file} cannot be used: ${problem}`);
    this.name = 'CatalogueFileError';
  }
}

export function readCatalogue(file: string): Catalogue {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogueFileError(file, error instanceof SyntaxError ? 'it is not JSON' : 'it cannot be read');
  }
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogueFileError(
      file,
      `${issue?.path.join('.') || 'catalogue'} ${issue?.message ?? 'is invalid'}`,
    );
  }
  return new Catalogue(parsed.data);
}

export function loadCatalogue(dataDir: string, demo: boolean, fallbackCurrency = 'CZK'): Catalogue {
  const own = join(dataDir, CATALOGUE_FILE);
  if (existsSync(own)) return readCatalogue(own);
  if (demo) return readCatalogue(demoFile);
  return new Catalogue({ currency: fallbackCurrency, products: [] });
}
