// `vanthu ingest PATH...`: imports .eml files, maildirs and mbox files through the same pipeline as live mail.
import type { Config } from '../config/load.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { InFlightBudget } from '../pipeline/budget.js';
import { Core } from '../service.js';
import { listArchiveFiles, readArchiveFile } from '../sources/archive.js';
import { Progress } from './progress.js';

export interface IngestSummary {
  files: number;
  messages: number;
  registered: number;
  duplicate: number;
  failed: number;
  failures: Array<{ origin: string; entryId: number; incomingNumber: number; reason: string | null }>;
}

export async function runIngest(config: Config, log: Logger, paths: string[]): Promise<IngestSummary> {
  const files = await listArchiveFiles(paths);
  const core = new Core(config, log);
  for (const r of await core.signatures.refreshCrls()) {
    if (r.error) log.warn({ url: r.url, reason: r.error }, 'CRL not fetched');
  }
  const summary: IngestSummary = { files: files.length, messages: 0, registered: 0, duplicate: 0, failed: 0, failures: [] };
  const progress = new Progress(files.length);
  const budget = new InFlightBudget(128 * 1024 * 1024, core.pool.threads * 4);
  const pending = new Set<Promise<void>>();
  let stopped: unknown = null;
  let filesDone = 0;
  const tick = () =>
    progress.update(filesDone, `registered ${summary.registered} · duplicate ${summary.duplicate} · failed ${summary.failed}`);
  try {
    for (const file of files) {
      if (stopped) break;
      for await (const item of readArchiveFile(file)) {
        if (stopped) break;
        summary.messages++;
        await budget.acquire(item.raw.length);
        const job = core.pipeline
          .submit(item.raw, { source: 'import', mailboxId: 'import', folder: null, uidValidity: null, uid: null }, { mayBeKnown: true })
          .then((result) => {
            if (result.outcome === 'duplicate') summary.duplicate++;
            else if (result.status === 'failed') {
              summary.failed++;
              summary.failures.push({
                origin: item.origin, entryId: result.entryId, incomingNumber: result.incomingNumber, reason: result.statusReason,
              });
            } else summary.registered++;
          })
          // The register itself failed (disk full, ...): stop reading, report it once, keep what was committed.
          .catch((err: unknown) => void (stopped ??= err))
          .finally(() => {
            budget.release(item.raw.length);
            pending.delete(job);
            tick();
          });
        pending.add(job);
      }
      filesDone++;
      tick();
    }
    await Promise.all(pending);
    if (stopped) throw stopped;
  } catch (err) {
    log.error({ err: describeError(err) }, 'ingest stopped');
    throw err;
  } finally {
    progress.done();
    await core.close();
  }
  return summary;
}

export function formatIngestSummary(s: IngestSummary): string {
  const lines = [
    `Tệp / files: ${s.files} · thư / messages: ${s.messages}`,
    `Đã đăng ký / registered: ${s.registered}`,
    `Trùng, đã có trong sổ / duplicate: ${s.duplicate}`,
    `Lỗi, lưu để xem lại / failed (kept for review): ${s.failed}`,
  ];
  for (const f of s.failures) lines.push(`  - ${f.origin}: số đến ${f.incomingNumber}: ${f.reason ?? ''}`);
  return lines.join('\n');
}
