// Worker-thread entry: runs parse tasks posted by the ParsePool, one at a time.
import { parentPort } from 'node:worker_threads';
import { runParseTask, type ParseTask } from './parse-task.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

port.on('message', (message: { id: number; task: ParseTask }) => {
  runParseTask(message.task).then(
    (outcome) => port.postMessage({ id: message.id, outcome }),
    (err: unknown) => port.postMessage({ id: message.id, error: String((err as Error)?.message ?? err) }),
  );
});
