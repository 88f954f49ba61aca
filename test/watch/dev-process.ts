import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO } from '../support/cli.js';

export interface WatchEvent {
  type: string;
  id?: string;
  status?: string;
  files?: string[];
  nodes?: string[];
  removed?: string[];
  diagnostics?: { file: string; message: string }[];
}

/** A real `mlc dev --json` process whose NDJSON events are collected as they arrive. */
export class DevProcess {
  readonly events: WatchEvent[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(cwd: string, args: string[] = []) {
    this.child = spawn(process.execPath, [path.join(REPO, 'bin/mlc.js'), 'dev', '--json', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.trim() !== '') this.events.push(JSON.parse(line) as WatchEvent);
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.exited.then(() => this.notify());
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the first event at or after `from` that matches; returns its index. */
  async waitFor(from: number, match: (event: WatchEvent) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((event, i) => i >= from && match(event));
      if (index !== -1) return index;
      if (!this.running) throw new Error(`mlc dev exited while waiting for ${what}\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; events: ${this.events.map((e) => e.type).join(' ')}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends SIGINT and resolves with the exit code, killing the process if it does not end in time. */
  async interrupt(timeoutMs = 15_000): Promise<number | null> {
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the process however it is doing, and waits for it to be gone. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
