import { Writable } from 'node:stream';

/** A real Writable that keeps what was written. */
export class Capture extends Writable {
  chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }

  get lines(): string[] {
    return this.text.split('\n').slice(0, -1);
  }
}

export const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
