// The manager's queue at 10,000 and 1,000,000 sales, through ManagerQueue as the screen asks
// for it: the first page, a page 50,000 entries deep (5,000 in the small journal, which has no
// 50,000th entry), and a search by a card's last four digits and by its whole number (five sales
// of that card in either journal). Each keeps its median within 1.5x of the small journal's. For
// comparison, the ways they were read before: a page by offset, and the card as `LIKE '%…%'`.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagerQueue } from '../electron/checkout/manager-queue.ts';
import { Journal } from '../electron/journal/journal.ts';
import { purchaseEntry } from '../electron/sync/closure.ts';
import { QueueActions } from '../electron/sync/queue-manager.ts';
import type { QueueFilter, QueuePageRequest } from '../shared/checkout/answers.ts';
import { fillJournal } from '../test/support/big-journal.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const SIZES = (process.env.CCPOS_BENCH_QUEUE_SCALE ?? '10000,1000000').split(',').map(Number);
const ROUNDS = 40;
const DAY = 86_400_000;
const PAGE = 20;
/** A card no fixture customer has (theirs end in 0000 to 0499). */
const CARD = '2000000424242';

interface Timings {
  entries: number;
  depth: number;
  firstPage: number;
  deepPage: number;
  deepByOffset: number;
  cardTail: number;
  cardWhole: number;
  cardLike: number;
}

function median(samples: number[]): number {
  return percentile(samples, 50);
}

function timed(run: () => unknown): number {
  for (let i = 0; i < 5; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function withCard(n: number) {
  return purchaseEntry(
    {
      storeId: 'store-1',
      cashdesk: 1,
      operator: 'Jana',
      cardNumber: CARD,
      bill: {
        currency_id: 'czk',
        total_price: 10 + n,
        purchase_type_id: 'pt',
        payment_type: 'A',
        bill_items: [
          {
            plu_ids: [{ list_code: 'EAN', code: '8594005650015' }],
            plu_name: 'Káva',
            vat_rate: 21,
            quantity: 1,
            price: 10 + n,
            paid_amount: 10 + n,
            bill_item_id: '1',
            loyalty_off: false,
            purchase_item_type_id: 'store_purchase',
          },
        ],
      },
    },
    { timeZone: 'Europe/Prague' },
  );
}

function measure(entries: number): Timings {
  const dir = mkdtempSync(join(tmpdir(), 'ccpos-bench-queue-'));
  const file = join(dir, 'journal.db');
  try {
    const now = Date.now();
    fillJournal(file, { entries, from: now - 90 * DAY, to: now - 60_000, pending: 200, rejected: 3 });
    const journal = Journal.open(file);
    try {
      // Five sales of the card looked for, spread over the journal's length by their ids' order.
      for (let n = 0; n < 5; n += 1) journal.append(withCard(n));
      const queue = new ManagerQueue({
        journal,
        queue: new QueueActions({ journal, terminal: { timeZone: 'Europe/Prague' } }),
        managerCheck: () => Promise.reject(new Error('no PIN in a benchmark')),
        exportDir: dir,
        currency: 'CZK',
      });
      const list = (filter: QueueFilter, page: QueuePageRequest) => {
        const answer = queue.list(filter, page);
        if (answer.entries.length === 0)
          throw new Error(`no entries for ${JSON.stringify({ filter, page })}`);
        return answer;
      };
      const depth = Math.min(50_000, entries / 2);
      const cardFound = (filter: QueueFilter) => {
        const answer = list(filter, { limit: PAGE });
        if (answer.total !== 5) throw new Error(`the card search found ${answer.total}, not 5`);
      };
      const raw = new Database(file, { readonly: true });
      try {
        const like = raw.prepare(
          "SELECT * FROM entries WHERE card_number LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
        );
        const likeCount = raw.prepare(
          "SELECT state, COUNT(*) AS n FROM entries WHERE card_number LIKE ? ESCAPE '\\' GROUP BY state",
        );
        return {
          entries,
          depth,
          firstPage: timed(() => list({}, { limit: PAGE })),
          deepPage: timed(() => list({}, { limit: PAGE, cursor: `after.${depth}` })),
          deepByOffset: timed(() => journal.list({}, { limit: PAGE + 1, offset: depth })),
          cardTail: timed(() => cardFound({ search: CARD.slice(-4) })),
          cardWhole: timed(() => cardFound({ search: CARD })),
          cardLike: timed(() => {
            like.all(`%${CARD.slice(-4)}%`, PAGE + 1);
            likeCount.all(`%${CARD.slice(-4)}%`);
          }),
        };
      } finally {
        raw.close();
      }
    } finally {
      journal.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const queueScaleSuite: BenchSuite = {
  name: 'queue-scale',
  async run(): Promise<Figure[]> {
    const results = SIZES.map((size) => measure(size));
    const small = results[0]!;
    const figures: Figure[] = [];
    const at = (n: number) => n.toLocaleString('en');
    for (const r of results.slice(1)) {
      const vs = `at ${at(r.entries)} sales (vs ${at(small.entries)})`;
      figures.push(
        figure(`manager's first page, median, ${vs}`, r.firstPage, 'ms', small.firstPage, 'ratio <= 1.5'),
        figure(
          `manager's page ${at(r.depth)} deep by cursor, median, ${vs}, ${at(small.depth)} deep`,
          r.deepPage,
          'ms',
          small.deepPage,
          'ratio <= 1.5',
        ),
        figure(
          `card search by last four digits, median, ${vs}`,
          r.cardTail,
          'ms',
          small.cardTail,
          'ratio <= 1.5',
        ),
        figure(
          `card search by whole number, median, ${vs}`,
          r.cardWhole,
          'ms',
          small.cardWhole,
          'ratio <= 1.5',
        ),
        figure(
          `before: page ${at(r.depth)} deep by offset, median, ${vs}, ${at(small.depth)} deep`,
          r.deepByOffset,
          'ms',
          small.deepByOffset,
          'informational',
        ),
        figure(
          `before: card digits by LIKE '%…%', median, ${vs}`,
          r.cardLike,
          'ms',
          small.cardLike,
          'informational',
        ),
      );
    }
    return figures;
  },
};
