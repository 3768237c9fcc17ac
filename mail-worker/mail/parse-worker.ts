// Worker-thread entry: parses the tasks the ParsePool sends one at a time, in order, while earlier raw bytes are
// still being written; tells the pool which task it is parsing (so a crash or timeout blames the right message)
// and answers in the order the tasks came.
import { parentPort } from 'node:worker_threads';
import { describeError } from '../errors.js';
import type { LearnedExample } from '../domain/classify/memory.js';
import { setLearnedExamples, startParseTask, type ParseTask } from './parse-task.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
let parsing: Promise<unknown> = Promise.resolve();
let answering: Promise<unknown> = Promise.resolve();

port.on('message', (message: { id: number; task: ParseTask } | { learned: LearnedExample[] }) => {
  if ('learned' in message) {
    setLearnedExamples(message.learned);
    return;
  }
  const { id } = message;
  const started = startParseTask(message.task);
  const outcome = parsing.then(() => {
    port.postMessage({ type: 'start', id });
    return started.parse();
  });
  parsing = outcome.catch(() => undefined);
  answering = answering.then(async () => {
    try {
      const result = await outcome;
      await started.stored;
      port.postMessage({ type: 'done', id, outcome: result });
    } catch (err) {
      const { code, message: reason } = describeError(err);
      port.postMessage({ type: 'done', id, error: reason, code: code === 'E_STORE' ? code : 'E_MESSAGE_PARSE' });
    }
  });
});
