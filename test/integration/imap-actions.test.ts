// Routing rules' IMAP actions against a real Dovecot: the registered message is flagged, tagged and moved in the
// mailbox it came from; the move of a copy that is gone already changes nothing; a message that did not come from
// IMAP is a dead letter with the reason.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../mail-worker/log.js';
import { Service } from '../../mail-worker/service.js';
import { Dovecot } from '../../scripts/dovecot-instance.js';
import { buildMessage } from '../../scripts/sample-mail.js';
import { IMPORT } from '../helpers/core.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { workerConfig } from '../helpers/worker-config.js';

let dovecot: Dovecot;
let service: Service;
beforeAll(async () => {
  dovecot = await Dovecot.start(tempDir('vanthu-dovecot-'));
  const dir = tempDir();
  const rulesFile = path.join(dir, 'rules.yaml');
  writeFileSync(rulesFile, [
    'rules:',
    '  - name: Giấy mời → thư mục Giấy mời, gắn cờ',
    '    when: { category: { equals: meeting_invitation } }',
    '    then: [ { imap: { flag: "\\\\Flagged", keyword: "$vanthu-registered", move: "Giay moi" } } ]',
  ].join('\n'));
  service = new Service(workerConfig(dir, [dovecot.mailbox('vanphong', 'vanphong')], { routing: { rulesFile } }), createLogger('silent'));
  await service.start();
});
afterAll(async () => {
  await service?.stop();
  dovecot?.stop();
});

const outbox = () => service.core.db.prepare('SELECT kind, status, last_error FROM outbox ORDER BY id').all() as Array<{ kind: string; status: string; last_error: string | null }>;

describe('IMAP actions of routing rules', () => {
  it('flags, tags and moves the message in the mailbox it came from', async () => {
    dovecot.deliver('vanphong', [buildMessage({ messageId: 'gm-imap@example.gov.vn', subject: 'Giấy mời họp giao ban tháng 3' })]);
    await waitFor(() => outbox()[0]?.status === 'done', 'the IMAP action done', 30_000);
    const client = await dovecot.client('vanphong');
    try {
      const inbox = await client.status('INBOX', { messages: true });
      expect(inbox.messages).toBe(0);
      await client.mailboxOpen('Giay moi');
      const moved = await client.fetchAll('1:*', { flags: true, envelope: true });
      expect(moved).toHaveLength(1);
      expect(moved[0]!.envelope?.messageId).toBe('<gm-imap@example.gov.vn>');
      expect([...(moved[0]!.flags ?? [])]).toEqual(expect.arrayContaining(['\\Flagged', '$vanthu-registered']));
    } finally {
      await client.logout();
    }
  });

  it('a message that did not come from IMAP is a dead letter that says why', async () => {
    await service.core.pipeline.submit(buildMessage({ messageId: 'gm-import@example.gov.vn', subject: 'Giấy mời họp' }), IMPORT);
    await waitFor(() => outbox()[1]?.status === 'dead', 'the impossible action dead', 20_000);
    expect(outbox()[1]!.last_error).toBe('the message did not come from an IMAP mailbox: there is no copy to act on');
  });
});
