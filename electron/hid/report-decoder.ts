// One decoder per open device: input reports in, whole scans or rejected reads out.
import { HidPosAssembler } from '../../shared/input/hid-pos.ts';
import { KeyboardReportDecoder } from '../../shared/input/keyboard-report.ts';
import { parseMagstripeReport } from '../../shared/input/magstripe-hid.ts';
import { isRejectedRead, scanFromTypedText } from '../../shared/input/scan-text.ts';
import type { RawScan, RejectedRead } from '../../shared/input/scan.ts';
import type { InputSettings } from '../../shared/input/settings.ts';
import type { DeviceMatch } from './matching.ts';

/** A card left a reader: it typed its removal sequence, or the reader itself left the bus. */
export interface CardRemoval {
  deviceId: string;
  how: 'removal-sequence' | 'reader-unplugged';
  at: number;
}

export interface ScanSink {
  submit(scan: RawScan): void;
  reject(read: RejectedRead): void;
  cardRemoved(removal: CardRemoval): void;
}

export interface ReportDecoder {
  push(report: Uint8Array, at: number): void;
  /** Forget half a scan: the device reconnected. */
  reset(): void;
  /** Reports were lost: distrust what arrives until the next scan boundary. */
  lost(at: number): void;
}

const IGNORED = 'not a scanned-data report';

export function createReportDecoder(
  device: DeviceMatch,
  settings: InputSettings,
  sink: ScanSink,
): ReportDecoder {
  const deviceId = device.id;
  switch (device.kind) {
    case 'barcode-scanner': {
      const assembler = new HidPosAssembler({
        maxBytes: settings.devices.maxScanBytes,
        maxGapMs: settings.devices.reassemblyGapMs,
      });
      return {
        push(report, at) {
          const result = assembler.push(report, at);
          if (result.type === 'pending') return;
          const dropped = result.type === 'dropped' ? result.reason : result.dropped;
          // Other reports on the interface (command replies, vendor reports) are not misreads.
          if (dropped && dropped !== IGNORED)
            sink.reject({ source: 'hid-pos', deviceId, reason: dropped, receivedAt: at });
          if (result.type === 'barcode') {
            sink.submit({
              text: result.barcode.text,
              source: 'hid-pos',
              aim: result.barcode.aim,
              swiped: false,
              deviceId,
              receivedAt: at,
            });
          }
        },
        reset: () => assembler.reset(),
        lost: (at) => assembler.resync(at),
      };
    }
    case 'card-reader':
      return {
        push(report, at) {
          const swipe = parseMagstripeReport(report);
          if (swipe.ok)
            sink.submit({
              text: swipe.value.cardNumber,
              source: 'hid-magstripe',
              aim: null,
              swiped: true,
              deviceId,
              receivedAt: at,
            });
          else
            sink.reject({
              source: 'hid-magstripe',
              deviceId,
              reason: `card read failed: ${swipe.reason}`,
              receivedAt: at,
            });
        },
        reset: () => {},
        // Each report is a whole swipe, so a lost one cannot corrupt the next.
        lost: () => {},
      };
    case 'keyboard-scanner':
    case 'keyboard-card-reader': {
      const decoder = new KeyboardReportDecoder({
        layout: device.layout,
        maxLength: settings.devices.maxScanBytes,
        maxGapMs: settings.devices.reassemblyGapMs,
      });
      const lrc = settings.magstripe.lrc;
      return {
        push(report, at) {
          for (const result of decoder.push(report, at)) {
            if (result.type === 'rejected') {
              sink.reject({ source: 'hid-keyboard', deviceId, reason: result.reason, receivedAt: at });
              continue;
            }
            if (device.removalSequence !== null && result.text === device.removalSequence) {
              sink.cardRemoved({ deviceId, how: 'removal-sequence', at });
              continue;
            }
            const scan = scanFromTypedText(result.text, {
              source: 'hid-keyboard',
              deviceId,
              receivedAt: at,
              lrc,
            });
            if (isRejectedRead(scan)) sink.reject(scan);
            else sink.submit(scan);
          }
        },
        reset: () => decoder.reset(),
        lost: (at) => decoder.resync(at),
      };
    }
  }
}
