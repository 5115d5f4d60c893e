// `--state FILE`: the project survives restarts. Writes are coalesced and atomic
// (temporary file, then rename), off the request path.
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { Project } from './project.ts';

export class StateFile {
  #pending: Project | null = null;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async load(): Promise<Project> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Project();
      throw new Error(`cannot read the state file ${this.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      return Project.fromJson(text);
    } catch (error) {
      throw new Error(`${this.path}: ${(error as Error).message}`, { cause: error });
    }
  }

  schedule(project: Project): void {
    this.#pending = project;
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.#write();
    }, 50);
  }

  async flush(project: Project): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = project;
    await this.#write();
  }

  #write(): Promise<void> {
    const project = this.#pending;
    this.#pending = null;
    if (!project) return this.#writing;
    const text = project.toJson();
    this.#writing = this.#writing.then(async () => {
      const temporary = `${this.path}.${process.pid}.tmp`;
      try {
        // The state file may sit in the terminal's private data folder (demo mode).
        await writeFile(temporary, text, { mode: 0o600 });
        await chmod(temporary, 0o600);
        await rename(temporary, this.path);
      } catch (error) {
        process.stderr.write(
          `sandbox: cannot write the state file ${this.path}: ${(error as Error).message}\n`,
        );
      }
    });
    return this.#writing;
  }
}
