// A stand-in for a program the app runs (the spooler's `lp`, Windows' `cmd.exe`): a small
// shell script that records each run's arguments and stdin bytes, and a copy of the file a
// `copy /b FILE SHARE` run names, so a test sees exactly what the app handed the operating
// system. Put its directory first on PATH and the app's own lookup finds it.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordedRun {
  args: string[];
  stdin: Buffer;
  /** For a `copy /b FILE SHARE` run: the bytes FILE held while the command ran. */
  copied: Buffer | null;
}

export interface RecordingCommand {
  dir: string;
  path: string;
  runs(): RecordedRun[];
  /** From now on each run reads its input, writes `stderr` to stderr and exits with `code`. */
  failWith(stderr: string, code?: number): void;
  succeed(): void;
  remove(): void;
}

const script = `#!/bin/sh
here="$(dirname "$0")"
n=$(($(cat "$here/count" 2>/dev/null || echo 0) + 1))
echo "$n" > "$here/count"
for a in "$@"; do printf '%s\\0' "$a"; done > "$here/args-$n"
cat > "$here/stdin-$n"
if [ "$3" = copy ] && [ "$4" = /b ] && [ -f "$5" ]; then cp "$5" "$here/copied-$n"; fi
if [ -f "$here/fail" ]; then cat "$here/fail" >&2; exit $(cat "$here/fail-code"); fi
exit 0
`;

export function recordingCommand(name: string): RecordingCommand {
  const dir = mkdtempSync(join(tmpdir(), 'ccpos-standin-'));
  const path = join(dir, name);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    dir,
    path,
    runs() {
      const count = existsSync(join(dir, 'count')) ? Number(readFileSync(join(dir, 'count'), 'utf8')) : 0;
      const runs: RecordedRun[] = [];
      for (let n = 1; n <= count; n += 1) {
        const args = readFileSync(join(dir, `args-${n}`), 'utf8')
          .split('\0')
          .slice(0, -1);
        const copied = join(dir, `copied-${n}`);
        runs.push({
          args,
          stdin: readFileSync(join(dir, `stdin-${n}`)),
          copied: existsSync(copied) ? readFileSync(copied) : null,
        });
      }
      return runs;
    },
    failWith(stderr, code = 1) {
      writeFileSync(join(dir, 'fail-code'), String(code));
      writeFileSync(join(dir, 'fail'), `${stderr}\n`);
    },
    succeed() {
      rmSync(join(dir, 'fail'), { force: true });
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
