import { render } from 'ink';
import { RunView } from './ink/run-view.js';
import type { Output, Reporter } from './output.js';
import { createRunStore } from './run-store.js';

export interface InkReporterOptions {
  stdout: Output;
  color: boolean;
}

export function createInkReporter(options: InkReporterOptions): Reporter {
  const store = createRunStore();
  const instance = render(<RunView store={store} color={options.color} />, {
    // Ink reads columns, rows and 'resize' where the stream has them and needs only write().
    stdout: options.stdout as NodeJS.WriteStream,
    patchConsole: false,
    // Ctrl+C belongs to the CLI, which cancels the run and still gets a run_end to show.
    exitOnCtrlC: false,
  });
  return {
    listener: store.push,
    async done() {
      store.close();
      // React commits the last snapshot on a later tick; unmounting first would drop the summary.
      await new Promise((resolve) => setImmediate(resolve));
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
