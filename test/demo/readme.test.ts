// The README's first pages are what a newcomer trusts: its key table must say what the
// keys do on each screen, and its cheat sheet must match the demo data the app ships.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../electron/checkout/catalogue-file.ts';
import { demoOperators } from '../../electron/operators/demo-operators.ts';
import { shortcutFor, shortcuts } from '../../renderer/src/keys.ts';
import type { Screen } from '../../renderer/src/state/terminal.svelte.ts';
import { cheatsheet } from '../../sandbox/cheatsheet.ts';
import { Project } from '../../sandbox/project.ts';
import { demo } from '../../sandbox/seed.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The lines of a `## ` section, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README section "${title}"`).toBeGreaterThan(-1);
  const next = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, next === -1 ? undefined : next);
}

/** The rows of the markdown table whose header starts with `firstHeader`, as trimmed cells. */
function table(text: string, firstHeader: string): string[][] {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.startsWith(`| ${firstHeader}`));
  expect(head, `table starting with "${firstHeader}"`).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

const code = (cell: string) => cell.replace(/`/g, '').trim();

const screenNames: Record<string, Screen[]> = {
  'every screen': ['signin', 'lookup', 'customer', 'sale', 'vouchers', 'queue', 'settings'],
  'after sign-in': ['lookup', 'customer', 'sale', 'vouchers', 'queue', 'settings'],
  'sign-in': ['signin'],
  lookup: ['lookup'],
  customer: ['customer'],
  sale: ['sale'],
  'voucher check': ['vouchers'],
  queue: ['queue'],
  settings: ['settings'],
};
const allScreens = screenNames['every screen']!;

describe('README key table', () => {
  const rows = table(section('Screens and keys'), 'Key');
  const where = (cell: string): Screen[] =>
    cell.split(',').flatMap((name) => {
      const screens = screenNames[name.trim()];
      expect(screens, `screen name "${name.trim()}"`).toBeDefined();
      return screens!;
    });

  it('says on which screens each function key acts, exactly as the key handler does', () => {
    for (let n = 1; n <= 12; n++) {
      const key = `F${n}`;
      const documented = new Set(rows.filter((r) => r[0] === key).flatMap((r) => where(r[1]!)));
      const acting = new Set(
        allScreens.filter(
          (screen) =>
            shortcutFor({ key, ctrlKey: false, altKey: false, metaKey: false }, screen, false) !== null,
        ),
      );
      expect([...documented].sort(), key).toEqual([...acting].sort());
    }
  });

  it('lists every key of the F1 sheet', () => {
    const documented = rows.map((r) => r[0]!).join(' ');
    for (const shortcut of shortcuts) {
      for (const key of shortcut.keys.split(' '))
        expect(documented, `${key} (${shortcut.what})`).toContain(key);
    }
  });
});

describe('README cheat sheet', () => {
  const sheet = section('Demo cheat sheet');
  const project = new Project();
  const facts = cheatsheet(project, demo.credentials, null);

  it('lists every demo card with its customer, e-mail, phone and starting points', () => {
    const rows = table(sheet, 'Card');
    const byCard = new Map(rows.map((r) => [code(r[0]!), r]));
    for (const card of [...Object.values(demo.cards), '2990000000019']) {
      const row = byCard.get(card);
      expect(row, card).toBeDefined();
      const owner = project.cardByNumber(card)?.customer_id;
      const customer = owner ? project.customer(owner) : undefined;
      expect(row![1]).toBe(customer ? `${customer.first_name} ${customer.last_name}` : 'none');
      if (card === '2990000000019' || !customer) continue;
      expect(code(row![2]!)).toBe(customer.email);
      expect(code(row![3]!)).toBe(customer.phone);
      expect(Number(row![4]!.replace(/\s/g, ''))).toBe(
        facts.cards.find((c) => c.card_number === card)?.points,
      );
    }
  });

  it('lists exactly the free cards of the seed, the ones a sign-up can take', () => {
    const listed = section('Demo cheat sheet')
      .split('**Free cards**')[1]!
      .split('\n\n')[0]!
      .match(/`\d{13}`/g)!
      .map(code);
    expect(listed).toEqual(cheatsheet(new Project(), demo.credentials, null).free_cards);
    expect(listed).toContain(demo.cards.free);
  });

  it('lists every demo voucher code with its owner', () => {
    const rows = table(sheet, 'Code');
    const owners = new Map(rows.map((r) => [code(r[0]!), r[1]!]));
    for (const voucher of [...Object.values(demo.vouchers), 'GOLD10']) {
      const owner = owners.get(voucher);
      expect(owner, voucher).toBeDefined();
      const customerId = project.data.vouchers.find((v) => v.code === voucher)?.customer_id;
      expect(project.customer(customerId!)?.first_name).toBe(owner);
    }
    expect(sheet).toContain('`V0011` to `V0030`');
  });

  it('lists every reward that costs points, with its cost as the sandbox has it', () => {
    const rows = table(sheet, 'Reward');
    const costs = new Map(rows.map((r) => [code(r[0]!), Number(r[1])]));
    const priced = project.data.rewards.filter((r) => r.points_cost > 0 && !r.is_automated);
    expect([...costs.keys()].sort()).toEqual(priced.map((r) => r.code).sort());
    for (const reward of priced) expect(costs.get(reward.code), reward.code).toBe(reward.points_cost);
  });

  it('lists exactly the demo catalogue, with names, prices and quick keys as the till has them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ccpos-readme-'));
    try {
      const catalogue = loadCatalogue(dataDir, true);
      const rows = table(sheet, 'Product');
      expect(rows.map((r) => code(r[1]!)).sort()).toEqual(
        catalogue
          .all()
          .map((p) => p.barcodes[0] ?? p.plu)
          .sort(),
      );
      const quickKeys = catalogue.quickKeys();
      for (const [name, number, price, quickKey] of rows) {
        const product = catalogue.byCode(code(number!));
        expect(product?.name, number).toBe(name);
        expect(price).toBe(
          `${(product!.unitPriceMinor / 100).toFixed(2)} ${catalogue.currency}${product!.weighed ? '/kg' : ''}`,
        );
        expect(quickKey === '' ? null : quickKeys[Number(quickKey) - 1]?.plu).toBe(
          quickKey === '' ? null : product!.plu,
        );
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("states each store's currency and earning rule as the sandbox has them", () => {
    const rows = table(sheet, 'Store');
    for (const store of facts.stores) {
      const row = rows.find((r) => r[1] === store.code);
      expect(row, store.code).toBeDefined();
      expect(row![2]).toBe(store.currency);
      expect(row![4]).toBe(store.earning);
    }
  });

  it('gives the demo PINs and what the web preview prints', () => {
    for (const operator of demoOperators) expect(sheet).toContain(`${operator.role} \`${operator.pin}\``);
    const tryIt = section('Try it in one minute');
    expect(tryIt).toContain(`Demo PINs: ${demoOperators.map((o) => `${o.role} ${o.pin}`).join(', ')}`);
    const cli = readFileSync(join(root, 'electron/preview/cli.ts'), 'utf8');
    expect(cli).toContain('ccpos web preview (demo mode): ${preview.url}');
    expect(tryIt).toContain('ccpos web preview (demo mode): http://127.0.0.1:<port>/?token=<token>');
  });
});

describe('Electron binary advice', () => {
  it('never mentions ELECTRON_SKIP_BINARY_DOWNLOAD: this Electron downloads nothing at install', () => {
    const files = ['README.md', '.ci/run', 'package.json'];
    const walk = (dir: string) => {
      for (const name of readdirSync(join(root, dir))) {
        const path = join(dir, name);
        if (statSync(join(root, path)).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk('docs');
    walk('scripts');
    for (const file of files)
      expect(readFileSync(join(root, file), 'utf8'), file).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });
});
