import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { analysisKey, fileTranslationKey } from '../../src/compile/result-keys.js';
import type * as Ahead from '../../src/compile/translate-ahead.js';
import { splitStatements } from '../../src/sql/statements.js';
import { translateToDuckDb, type TranslateResult } from '../../src/sql/translate/index.js';
import { REPO } from '../support/cli.js';

// The worker script exists where tsc emitted it, in dist/ (built by the global setup); run from the sources there is none.
const { TranslateAhead } = (await import(pathToFileURL(path.join(REPO, 'dist/compile/translate-ahead.js')).href)) as typeof Ahead;

/** Feature files in the shapes a project holds, with a file of two statements and an empty one among them. */
function files(count: number): [string, string][] {
  return Array.from({ length: count }, (_, k): [string, string] => {
    const file = `features/f_${k}.sql`;
    if (k === 7) return [file, 'SELECT 1 AS a;\nSELECT 2 AS b;\n'];
    if (k === 8) return [file, '-- description: nothing yet\n'];
    const body =
      k % 2 === 0
        ? `SELECT customer_id, IFF(amount > ${k}, 1, 0) AS flag_${k}\nFROM raw.orders\n`
        : `SELECT customer_id, DATEADD(day, -${k}, order_date) AS since, payload:items[0].price::float AS price\nFROM raw.orders\nQUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC) = 1;\n`;
    return [file, `-- description: feature ${k}\n\n${body}`];
  });
}

/** The nice value of each thread of this process, by thread id. */
function niceValues(): Map<number, number> {
  const values = new Map<number, number>();
  for (const thread of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    values.set(Number(thread), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return values;
}

describe('translating feature files ahead on a worker', () => {
  it("answers each file of one statement with this thread's translation, keyed by the file, and leaves the others out", () => {
    const ahead = TranslateAhead.start()!;
    const sent = files(600);
    for (const [file, text] of sent) ahead.offer(file, text);
    const received = new Map<string, TranslateResult>();
    expect(ahead.receive((key, result) => received.set(key, result), () => false)).toBe(false);

    expect(received.size).toBe(598);
    for (const [file, text] of sent) {
      const statements = splitStatements(text);
      const key = fileTranslationKey(analysisKey({ file, text }));
      expect(received.get(key), file).toEqual(statements.length === 1 ? translateToDuckDb(statements[0]!.text) : undefined);
    }
    expect(received.get(fileTranslationKey(analysisKey({ file: 'features/f_1.sql', text: sent[1]![1] })))!.sql).toContain('mlc_dateadd(');
  });

  it('stops waiting once what is asked for has come', () => {
    const ahead = TranslateAhead.start()!;
    const sent = files(1000);
    for (const [file, text] of sent) ahead.offer(file, text);
    const wanted = fileTranslationKey(analysisKey({ file: sent[0]![0], text: sent[0]![1] }));
    const received = new Map<string, TranslateResult>();
    expect(ahead.receive((key, result) => received.set(key, result), () => received.has(wanted))).toBe(true);
    // The first batch holds the file: the later ones are still to come.
    expect(received.size).toBeLessThan(1000);
    expect(ahead.receive((key, result) => received.set(key, result), () => false)).toBe(false);
    expect(received.size).toBe(998);
  });

  it.runIf(process.platform === 'linux')('runs the worker at a lower priority than the main thread', () => {
    const ahead = TranslateAhead.start()!;
    for (const [file, text] of files(300)) ahead.offer(file, text);
    let answers = 0;
    // The worker has set its priority by the time it answers.
    ahead.receive(() => answers++, () => answers > 0);
    const nice = niceValues();
    expect(nice.get(process.pid)).toBe(0);
    expect([...nice.values()]).toContain(10);
    ahead.stop();
  });

  it('leaves the files to this thread when the worker stops answering', () => {
    const ahead = TranslateAhead.start()!;
    // A worker that died: terminated from outside, as nothing in it would.
    void (Reflect.get(ahead, 'worker') as Worker).terminate();
    for (const [file, text] of files(300)) ahead.offer(file, text);
    const started = performance.now();
    expect(ahead.receive(() => {}, () => false)).toBe(false);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
