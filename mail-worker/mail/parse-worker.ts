// Worker-thread entry: runs the parse tasks the ParsePool sends and answers in the order they came.
// Tasks overlap (one parses while an earlier one waits for its raw bytes to reach the disk); answers never reorder.
import { parentPort } from 'node:worker_threads';
import { runParseTask, type ParseTask } from './parse-task.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
let answered: Promise<void> = Promise.resolve();

port.on('message', (message: { id: number; task: ParseTask }) => {
  const outcome = runParseTask(message.task);
  answered = answered.then(() =>
    outcome.then(
      (result) => port.postMessage({ id: message.id, outcome: result }),
      (err: unknown) => port.postMessage({ id: message.id, error: String((err as Error)?.message ?? err) }),
    ),
  );
});
