// The `vanthu` command line: serve, ingest, register; help in Vietnamese and English.
import { openRegisterDb } from '../register/db.js';
import { UserStore } from '../register/users.js';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load.js';
import { describeError, isVanthuError } from '../errors.js';
import { createLogger } from '../log.js';
import { classifyFile, formatClassifyResult } from './classify.js';
import { runSign } from './sign.js';
import { formatIngestSummary, runIngest } from './ingest.js';
import { formatRuleTest, testRules } from './rules.js';
import { loadRuleFile } from '../rules/load.js';
import { isCrlUrl } from '../config/schema.js';
import { crlFilesOf, fetchCrl } from '../signatures/crl-fetch.js';
import { loadTrustStore } from '../signatures/trust.js';
import { verifyFile } from '../signatures/verify-file.js';
import { formatVerification } from './verify.js';
import { formatRegisterTable, listRegister } from './register-list.js';
import { runServe } from './serve.js';

const program = new Command('vanthu')
  .description('vanthu — đăng ký, phân luồng và theo dõi văn bản đến qua thư điện tử công vụ\n' +
    'vanthu — registers, routes and tracks official documents that arrive by e-mail')
  .option('-c, --config <file>', 'tệp cấu hình YAML / YAML config file (default ./vanthu.yaml or $VANTHU_CONFIG)')
  .showHelpAfterError();

const config = () => {
  const options = program.opts<{ config?: string }>();
  return loadConfig({ ...(options.config ? { configPath: options.config } : {}) });
};

program
  .command('serve')
  .description('chạy dịch vụ: theo dõi hộp thư, nhận SMTP, máy chủ web / run watchers, SMTP ingress and the web server')
  .option('-c, --config <file>', 'tệp cấu hình YAML / YAML config file')
  .action(async (options: { config?: string }) => {
    const cfg = options.config ? loadConfig({ configPath: options.config }) : config();
    await runServe(cfg);
  });

program
  .command('ingest')
  .description('nhập thư từ tệp .eml, thư mục maildir hoặc tệp mbox / import .eml files, maildirs or mbox files')
  .argument('<path...>', 'tệp hoặc thư mục / files or directories')
  .option('--json', 'in kết quả dạng JSON / print the summary as JSON')
  .action(async (paths: string[], options: { json?: boolean }) => {
    const cfg = config();
    const summary = await runIngest(cfg, createLogger(cfg.log.level === 'info' ? 'warn' : cfg.log.level), paths);
    process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${formatIngestSummary(summary)}\n`);
  });

program
  .command('register')
  .description('in các văn bản đến mới nhất / print the latest register entries')
  .option('--json', 'in dạng JSON / print JSON')
  .option('-n, --limit <n>', 'số dòng / number of entries', positiveInt, 20)
  .action((options: { json?: boolean; limit: number }) => {
    const { items, total } = listRegister(config(), options.limit);
    process.stdout.write(options.json ? `${JSON.stringify({ items, total }, null, 2)}\n` : `${formatRegisterTable(items)}\n`);
  });

program
  .command('classify')
  .description('đọc thử thư hoặc văn bản (.eml, .pdf, .docx, .doc, .xlsx, .odt, .txt, .ics) mà không vào sổ / show how vanthu reads a message or document, without registering it')
  .argument('<file...>', 'tệp / files')
  .option('--json', 'mỗi tệp một dòng JSON / one JSON object per file (JSON Lines)')
  .action(async (files: string[], options: { json?: boolean }) => {
    const threshold = config().classification.reviewThreshold;
    let failed = 0;
    for (const file of files) {
      try {
        const result = await classifyFile(file, threshold);
        process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatClassifyResult(result)}\n\n`);
      } catch (err) {
        failed++;
        const { code, message } = describeError(err);
        if (options.json) process.stdout.write(`${JSON.stringify({ file, error: { code, message } })}\n`);
        else process.stderr.write(`vanthu: ${code}: ${message}\n`);
      }
    }
    if (failed > 0) process.exitCode = 1;
  });

program
  .command('verify')
  .description('kiểm tra chữ ký số: PDF, thư S/MIME (.eml), .p7s / verify digital signatures: PDF, S/MIME .eml, .p7s')
  .argument('<file...>', 'tệp / files (a .p7s is checked against the document next to it)')
  .option('--json', 'mỗi tệp một dòng JSON / one JSON object per file (JSON Lines)')
  .option('--anchors <path>', 'chứng thư gốc tin cậy / trust anchors (file or folder; default: signatures.trustAnchors)')
  .option('--crl <path>', 'danh sách thu hồi, lặp lại được / a CRL file, folder or http(s) URL, may be repeated (default: signatures.crls)', (value: string, previous: string[] = []) => [...previous, value])
  .action(async (files: string[], options: { json?: boolean; anchors?: string; crl?: string[] }) => {
    const cfg = config();
    const crls = options.crl ?? cfg.signatures.crls;
    for (const url of crls.filter(isCrlUrl)) {
      const fetched = await fetchCrl(url, cfg.dataDir);
      if (fetched.error) process.stderr.write(`vanthu: CRL ${url}: ${fetched.error}\n`);
    }
    const trust = loadTrustStore({ anchors: options.anchors ?? cfg.signatures.trustAnchors ?? null, crls: crlFilesOf(crls, cfg.dataDir) });
    let allValid = true;
    for (const file of files) {
      try {
        const result = await verifyFile(file, trust);
        allValid &&= result.signatures.length > 0 && result.signatures.every((s) => s.status === 'valid');
        process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatVerification(result)}\n`);
      } catch (err) {
        allValid = false;
        const { code, message } = describeError(err);
        if (options.json) process.stdout.write(`${JSON.stringify({ file, error: { code, message } })}\n`);
        else process.stderr.write(`vanthu: ${code}: ${message}\n`);
      }
    }
    if (!allValid) process.exitCode = 1;
  });

program
  .command('sign')
  .description('ký số bằng chứng thư của cơ quan (PKCS#12): PDF, hoặc chữ ký rời .p7s cho tệp khác / sign with the agency certificate: PDF, or a detached .p7s for other files')
  .argument('<in>', 'tệp cần ký / file to sign')
  .argument('<out>', 'tệp đã ký (PDF) hoặc chữ ký .p7s / signed PDF, or the .p7s')
  .requiredOption('--p12 <file>', 'tệp PKCS#12 / PKCS#12 file')
  .option('--password-env <var>', 'biến môi trường chứa mật khẩu / environment variable holding the password')
  .option('--password-file <file>', 'tệp chứa mật khẩu / file holding the password')
  .option('--stamp <text>', 'dấu hiển thị: tên cơ quan / visible stamp: the agency name (PDF)')
  .option('--reason <text>', 'lý do ký / reason (PDF)')
  .action(async (input: string, output: string, options: { p12: string; passwordEnv?: string; passwordFile?: string; stamp?: string; reason?: string }) => {
    const result = await runSign(config(), input, output, options);
    process.stdout.write(`${result.output}: đã ký / signed (${result.kind})\n`);
  });

const user = program.command('user').description('người dùng API và vai trò (admin, clerk, signer) / API users and their roles');

user
  .command('add')
  .description('thêm người dùng; mã truy cập chỉ hiện một lần / add a user; the token is shown once')
  .argument('<name>', 'tên đăng nhập / user name')
  .option('--unit <unit>', 'đơn vị / unit')
  .option('--role <role>', 'vai trò, lặp lại được: admin, clerk, signer / role, may be repeated', (value: string, previous: string[] = []) => [...previous, value])
  .action((name: string, options: { unit?: string; role?: string[] }) => withUsers((users) => {
    const { user: added, token } = users.add(name, options.unit ?? null, options.role ?? ['clerk']);
    process.stdout.write(`${added.name} (${added.roles.join(', ')}${added.unit ? `; ${added.unit}` : ''})\n` +
      `Mã truy cập (chỉ hiện lần này) / token (shown only now):\n${token}\n`);
  }));

user
  .command('list')
  .description('danh sách người dùng / list users')
  .option('--json', 'JSON')
  .action((options: { json?: boolean }) => withUsers((users) => {
    const all = users.list();
    if (options.json) return void process.stdout.write(`${JSON.stringify(all)}\n`);
    for (const u of all) process.stdout.write(`${u.name}\t${u.roles.join(',')}\t${u.unit ?? ''}${u.disabledAt ? `\tđã khóa / disabled ${u.disabledAt}` : ''}\n`);
  }));

user
  .command('roles')
  .description('đặt vai trò / set a user\'s roles')
  .argument('<name>', 'tên / user name')
  .argument('<roles...>', 'admin, clerk, signer')
  .action((name: string, roles: string[]) => withUsers((users) => {
    const changed = users.setRoles(name, roles);
    process.stdout.write(`${changed.name}: ${changed.roles.join(', ')}\n`);
  }));

user
  .command('disable')
  .description('khóa người dùng (mã truy cập hết hiệu lực) / disable a user (their token stops working)')
  .argument('<name>', 'tên / user name')
  .action((name: string) => withUsers((users) => {
    const disabled = users.disable(name);
    process.stdout.write(`${disabled.name}: đã khóa / disabled\n`);
  }));

function withUsers(work: (users: UserStore) => void): void {
  const db = openRegisterDb(config().dataDir);
  try {
    work(new UserStore(db));
  } finally {
    db.close();
  }
}

const rules = program.command('rules').description('quy tắc phân luồng / routing rules');

rules
  .command('check')
  .description('kiểm tra tệp quy tắc (YAML hoặc JSON) / check a rule file (YAML or JSON)')
  .argument('<file>', 'tệp quy tắc / rule file')
  .action((file: string) => {
    const loaded = loadRuleFile(file);
    const enabled = loaded.filter((r) => r.enabled).length;
    process.stdout.write(`${file}: ${loaded.length} quy tắc hợp lệ (${enabled} đang bật) / ${loaded.length} valid rules (${enabled} enabled)\n`);
  });

rules
  .command('test')
  .description('chạy thử quy tắc với thư .eml, không vào sổ / dry-run rules against .eml messages, registering nothing')
  .argument('<file>', 'tệp quy tắc / rule file')
  .argument('<message...>', 'thư .eml / .eml messages')
  .option('--json', 'mỗi thư một dòng JSON / one JSON object per message')
  .action(async (file: string, messages: string[], options: { json?: boolean }) => {
    const loaded = loadRuleFile(file);
    const cfg = config();
    for (const message of messages) {
      const result = await testRules(loaded, message, cfg);
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatRuleTest(result)}\n\n`);
    }
  });

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
}

program.parseAsync(process.argv).catch((err: unknown) => {
  const { code, message } = describeError(err);
  process.stderr.write(`vanthu: ${code}: ${message}\n`);
  process.exitCode = isVanthuError(err) && (code.startsWith('E_CONFIG') || code === 'E_RULE_INVALID') ? 2 : 1;
});
