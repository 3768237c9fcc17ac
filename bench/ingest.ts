// `npm run bench`: vanthu's IMAP ingest rate against the ceiling (FETCH + simpleParser) measured in the same run.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { PROJECT_ROOT } from '../mail-worker/paths.js';
import { DOVECOT_PASSWORD, Dovecot } from '../scripts/dovecot-instance.js';
import { fetchAll, type RateResult } from './ceiling.js';
import { runDocumentBench } from './documents.js';
import { deliverBenchMail } from './mailbox.js';
import { runSignatureBench } from './signatures.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const countArg = args.indexOf('--messages');
const COUNT = countArg >= 0 ? Number(args[countArg + 1]) : 5000;
const profileArg = args.indexOf('--profile');
const roundsArg = args.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Math.max(1, Number(args[roundsArg + 1])) : 3;
/** `--profile DIR` writes CPU profiles of vanthu's threads (main and parse workers) into DIR. */
const PROFILE_DIR = profileArg >= 0 ? path.resolve(args[profileArg + 1]!) : null;
const say = (line: string) => { if (!json) process.stderr.write(`${line}\n`); };

async function main(): Promise<void> {
  const documents = await runDocumentBench(say);
  const signatures = await runSignatureBench(say);
  const work = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-'));
  chmodSync(work, 0o755); // Dovecot's mail processes run as an unprivileged user and must traverse it
  const dovecot = await Dovecot.start(path.join(work, 'dovecot'));
  try {
    say(`Generating ${COUNT} messages in a private Dovecot on 127.0.0.1:${dovecot.port} ...`);
    const mix = deliverBenchMail(dovecot, 'bench', COUNT);
    say(`  ${mix.textOnly} text only, ${mix.medium} with 50–300 KB, ${mix.large} with 1–3 MB; ${(mix.bytes / 1e6).toFixed(0)} MB`);

    say('Warm-up: one FETCH of everything (Dovecot indexes, page cache) ...');
    await fetchAll('127.0.0.1', dovecot.port, 'bench', DOVECOT_PASSWORD, false);
    // Rounds alternate ceiling and vanthu, so both see the same machine state; medians tame a shared machine's noise.
    const rounds: Array<{ ceiling: RateResult; ceilingCpu: number; vanthu: Awaited<ReturnType<typeof runVanthu>> }> = [];
    for (let round = 1; round <= ROUNDS; round++) {
      say(`Round ${round}/${ROUNDS}: ceiling (imapflow FETCH + simpleParser with defaults, one thread) ...`);
      const cpuBefore = process.cpuUsage();
      const ceiling = await fetchAll('127.0.0.1', dovecot.port, 'bench', DOVECOT_PASSWORD, true);
      const cpu = process.cpuUsage(cpuBefore);
      say(`Round ${round}/${ROUNDS}: vanthu (\`vanthu serve\` registering the same mailbox into a new register) ...`);
      const vanthu = await runVanthu(path.join(work, `round-${round}`), dovecot.port, COUNT);
      rounds.push({ ceiling, ceilingCpu: (cpu.user + cpu.system) / 1e6, vanthu });
      say(`  ratio this round: ${round3(rate(vanthu).msgs / rate(ceiling).msgs)}`);
    }
    const c = median(rounds.map((r) => rate(r.ceiling)), (x) => x.msgs);
    const v = median(rounds.map((r) => rate(r.vanthu)), (x) => x.msgs);
    const ceiling = { seconds: COUNT / c.msgs };
    const vanthu = {
      seconds: COUNT / v.msgs,
      peakRssMb: Math.max(...rounds.map((r) => r.vanthu.peakRssMb)),
      cpuSeconds: median(rounds.map((r) => r.vanthu.cpuSeconds), (x) => x),
    };
    const roundRatios = rounds.map((r) => rate(r.vanthu).msgs / rate(r.ceiling).msgs);
    const ceilingCpuSeconds = median(rounds.map((r) => r.ceilingCpu), (x) => x);
    const result = {
      messages: COUNT,
      total_mb: Number((mix.bytes / 1e6).toFixed(1)),
      mix: { text_only: mix.textOnly, attach_50_300kb: mix.medium, attach_1_3mb: mix.large },
      ceiling_msgs_per_s: round(c.msgs),
      ceiling_mb_per_s: round(c.mb),
      ceiling_seconds: round(ceiling.seconds),
      vanthu_msgs_per_s: round(v.msgs),
      vanthu_mb_per_s: round(v.mb),
      vanthu_seconds: round(vanthu.seconds),
      // Each round pairs a ceiling run with a vanthu run on the same machine state: the ratio is the median pair's.
      ratio: round3(median(roundRatios, (x) => x)),
      rounds: roundRatios.map(round3),
      target_ratio: 1.0,
      peak_rss_mb: round(vanthu.peakRssMb),
      ceiling_cpu_seconds: round(ceilingCpuSeconds),
      vanthu_cpu_seconds: round(vanthu.cpuSeconds),
      cpus: os.availableParallelism(),
      /** vanthu serve classifies every message (attachment text, extraction, classification): the ratio includes it. */
      classification: true,
      documents,
      signatures,
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write([
        '',
        `IMAP ingest, ${COUNT} messages, ${result.total_mb} MB (${mix.textOnly} text / ${mix.medium} 50–300 KB / ${mix.large} 1–3 MB)`,
        `  ceiling  (FETCH + simpleParser, 1 thread)  ${pad(result.ceiling_msgs_per_s)} msgs/s  ${pad(result.ceiling_mb_per_s)} MB/s  ${result.ceiling_seconds} s`,
        `  vanthu   (register, exactly once)          ${pad(result.vanthu_msgs_per_s)} msgs/s  ${pad(result.vanthu_mb_per_s)} MB/s  ${result.vanthu_seconds} s`,
        `  ratio vanthu / ceiling: ${result.ratio}  (target ≥ ${result.target_ratio}; median of ${ROUNDS} rounds: ${result.rounds.join(', ')})`,
        `  peak RSS of vanthu: ${result.peak_rss_mb} MB`,
        `  CPU time: ceiling ${result.ceiling_cpu_seconds} s, vanthu ${result.vanthu_cpu_seconds} s (start-up included), on ${result.cpus} cores`,
        `  (vanthu reads attachment text, extracts and classifies every message in this run)`,
        '',
        'Reading documents (one core)',
        `  extraction, real documents                 ${pad(documents.extract_docs_per_s)} documents/s  (target ≥ 200)`,
        `  extraction + classification, labelled mail ${pad(documents.classify_messages_per_s)} messages/s`,
        `  routing, 500 rules per message             ${pad(documents.rules_500_messages_per_s)} messages/s  (cost ${documents.rules_cost_ratio} × extraction + classification)`,
        `  PDF text, ${documents.pdf_files} files / ${documents.pdf_pages} pages: vanthu ${documents.vanthu_pdf_pages_per_s} pages/s, pdftotext ${documents.pdftotext_pages_per_s} pages/s, ratio ${documents.pdf_ratio}`,
        '',
        'Signature verification (signed by pdfsig; chain to the test root, whole byte range; vanthu in process, pdfsig one process per file)',
        ...signatures.map((r) => `  ${String(r.size_mb).padStart(2)} MB signed PDF   vanthu ${pad(r.vanthu_per_s)} /s   pdfsig ${pad(r.pdfsig_per_s)} /s   ratio ${r.ratio}`),
        '',
      ].join('\n'));
    }
  } finally {
    dovecot.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the real product (`vanthu serve`) on the mailbox and times it from "running" to the last entry committed. */
async function runVanthu(dir: string, port: number, count: number): Promise<RateResult & { peakRssMb: number; cpuSeconds: number }> {
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'vanthu.yaml');
  writeFileSync(config, stringify({
    dataDir: path.join(dir, 'data'), http: { host: '127.0.0.1', port: 0 }, ingress: { smtp: { enabled: false } }, log: { level: 'warn' },
    ...(process.env.BENCH_THREADS ? { limits: { parseThreads: Number(process.env.BENCH_THREADS) } } : {}),
    mailboxes: [{ id: 'bench', address: 'bench@example.gov.vn', imap: { host: '127.0.0.1', port, secure: false, user: 'bench', passwordEnv: 'BENCH_PASSWORD' } }],
  }));
  const nodeArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(PROJECT_ROOT, 'bin/vanthu.cjs'), 'serve', '--config', config], {
    env: { ...process.env, BENCH_PASSWORD: DOVECOT_PASSWORD, VANTHU_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  let startedAt = 0;
  child.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
    if (!startedAt && log.includes('vanthu is running')) startedAt = Date.now();
  });
  const dbFile = path.join(dir, 'data', 'register.db');
  const deadline = Date.now() + 30 * 60_000;
  let peakRssKb = 0;
  let cpuSeconds = 0;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`vanthu exited early (${child.exitCode ?? child.signalCode}):\n${log.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error('vanthu did not finish within 30 minutes');
      peakRssKb = Math.max(peakRssKb, vmHwmKb(child.pid!));
      cpuSeconds = Math.max(cpuSeconds, processCpuSeconds(child.pid!));
      const done = startedAt ? entries(dbFile) : null;
      if (done && done.count >= count) {
        const bytes = done.bytes;
        return { messages: done.count, bytes, seconds: (done.lastAt - startedAt) / 1000, peakRssMb: peakRssKb / 1024, cpuSeconds };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function entries(dbFile: string): { count: number; bytes: number; lastAt: number } | null {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes, max(received_at) AS last FROM messages').get() as {
        count: number; bytes: number; last: string | null;
      };
      return { count: row.count, bytes: row.bytes, lastAt: row.last ? Date.parse(row.last) : 0 };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** CPU time (user + system, all threads) a process has used so far. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Peak resident set size of a process (VmHWM, kB), worker threads included. */
function vmHwmKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const round3 = (n: number) => round(n, 3);
const rate = (r: RateResult) => ({ msgs: r.messages / r.seconds, mb: r.bytes / 1e6 / r.seconds });

function median<T>(items: T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
const pad = (n: number) => String(n).padStart(8);

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
