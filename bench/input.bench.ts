// Scanner input: what one report costs to parse, and how long a scan takes from the device's
// report to the classified event screens receive, through the real device manager (fake bus).
import { HidDeviceManager } from '../electron/hid/device-manager.ts';
import { ScanClassifier } from '../shared/input/classify.ts';
import { HidPosAssembler, encodeHidPosReports, parseHidPosReport } from '../shared/input/hid-pos.ts';
import { KeyboardReportDecoder, encodeKeyboardReports } from '../shared/input/keyboard-report.ts';
import { ScanEvents, ScanPipeline } from '../shared/input/scan-events.ts';
import { inputSettingsSchema } from '../shared/input/settings.ts';
import { FakeHidBus, deviceInfo } from '../test/hid/fake-transport.ts';
import { figure, percentile, type BenchSuite, type Figure } from './harness.ts';

const PARSE_ROUNDS = 200_000;
const LATENCY_SAMPLES = 3000;

function microsecondsPer(rounds: number, work: (i: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 2000; i++) if (work(i)) sink++;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) if (work(i)) sink++;
  const elapsed = performance.now() - started;
  if (sink < 0) throw new Error('unreachable');
  return (elapsed * 1000) / rounds;
}

function parseCosts(): { hidPos: number; assembler: number; keyboard: number } {
  const ean = encodeHidPosReports(']E0', '3046920029759')[0]!;
  const qr = encodeHidPosReports(']Q1', 'q'.repeat(500));
  const hidPos = microsecondsPer(PARSE_ROUNDS, () => parseHidPosReport(ean));
  const assembler = new HidPosAssembler();
  const assembled = microsecondsPer(
    PARSE_ROUNDS,
    (i) => assembler.push(qr[i % qr.length]!, i).type === 'barcode',
  );
  const keys = encodeKeyboardReports('8594000000006', 'us', 'Enter');
  const decoder = new KeyboardReportDecoder();
  const keyboard = microsecondsPer(PARSE_ROUNDS, (i) => decoder.push(keys[i % keys.length]!, i).length);
  return { hidPos, assembler: assembled, keyboard };
}

/** Report in at the fake bus, classified scan out at a subscriber: milliseconds per scan. */
async function reportToEvent(): Promise<number[]> {
  const bus = new FakeHidBus();
  bus.plug(deviceInfo({ path: '/dev/hidraw0' }));
  const settings = inputSettingsSchema.parse({ devices: { pollIntervalMs: 60_000 } });
  const events = new ScanEvents((error) => {
    throw error;
  });
  const pipeline = new ScanPipeline(new ScanClassifier(settings.classification, null), events);
  // A barcode scanner reports no card removal.
  const sink = {
    submit: pipeline.submit.bind(pipeline),
    reject: pipeline.reject.bind(pipeline),
    cardRemoved: () => {},
  };
  const manager = new HidDeviceManager({ settings, loader: async () => bus, sink });
  await manager.start();
  const connection = bus.connection('/dev/hidraw0');
  const scans = [
    encodeHidPosReports(']E0', '3046920029759'),
    encodeHidPosReports(']E4', '95012346'),
    encodeHidPosReports(']Q1', `https://shop.example/v/${'x'.repeat(120)}`),
  ];
  const samples: number[] = [];
  let arrived: (() => void) | null = null;
  const stop = events.subscribe(() => arrived?.());
  try {
    for (let i = 0; i < LATENCY_SAMPLES + 200; i++) {
      const reports = scans[i % scans.length]!;
      const done = new Promise<void>((resolve) => (arrived = resolve));
      for (const report of reports.slice(0, -1)) connection.send(report);
      const started = performance.now();
      connection.send(reports[reports.length - 1]!);
      await done;
      if (i >= 200) samples.push(performance.now() - started);
    }
  } finally {
    stop();
    await manager.stop();
  }
  return samples;
}

export const inputSuite: BenchSuite = {
  name: 'input',
  async run(): Promise<Figure[]> {
    const cost = parseCosts();
    const latency = await reportToEvent();
    const bareParseMs = cost.hidPos / 1000;
    return [
      figure('input: HID POS report parse', cost.hidPos, 'µs/report', null, 'value < 20'),
      figure('input: HID POS long-barcode assembly', cost.assembler, 'µs/report', cost.hidPos, 'value < 50'),
      figure('input: keyboard report decode', cost.keyboard, 'µs/report', null, 'value < 20'),
      figure(
        'input: report to classified event p50',
        percentile(latency, 50),
        'ms',
        bareParseMs,
        'value < 1',
      ),
      figure(
        'input: report to classified event p99',
        percentile(latency, 99),
        'ms',
        bareParseMs,
        'value < 1',
      ),
    ];
  },
};
