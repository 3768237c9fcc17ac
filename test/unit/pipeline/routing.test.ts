// Routing rules at registration: assignment and due date with the entry, every other action an outbox row in the
// same transaction, exactly once (a duplicate adds nothing).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { IMPORT, testConfigFile, testCore } from '../../helpers/core.js';
import { tempDir } from '../../helpers/tmp.js';

const rulesFile = path.join(tempDir(), 'rules.yaml');
writeFileSync(rulesFile, `
rules:
  - name: Giấy mời → Văn phòng, 2 giờ làm việc
    when: { category: { equals: meeting_invitation } }
    then:
      - assign: { unit: Văn phòng, lead: Chánh Văn phòng, support: [Phòng Tổng hợp] }
      - due: { workingHours: 2 }
      - notify: { to: [chanhvanphong@example.gov.vn] }
      - acknowledge: true
  - name: Mọi thư khác
    when: { not: { category: { equals: meeting_invitation } } }
    then: [{ due: { workingDays: 3 } }]
`);

// Friday 2026-03-13 16:00 in Vietnam.
const core = testCore(() => new Date('2026-03-13T09:00:00Z'), testConfigFile({ routing: { rulesFile } }));

interface Entry { assignee: string | null; due_date: string | null }

describe('routing at registration', () => {
  it('assigns, dates and queues the notification and the acknowledgement with the entry', async () => {
    const raw = buildMessage({ subject: 'Giấy mời họp triển khai kế hoạch', body: 'Kính mời dự họp lúc 8 giờ ngày 20/3/2026.', messageId: 'gm-1@example.gov.vn' });
    const { entryId } = await core.pipeline.submit(raw, IMPORT);
    expect(core.db.prepare('SELECT assignee, due_date FROM register_entries WHERE id = ?').get(entryId)).toEqual<Entry>({
      assignee: 'Văn phòng (Chánh Văn phòng); phối hợp: Phòng Tổng hợp', due_date: '2026-03-16',
    });
    const outbox = core.db.prepare('SELECT kind, payload, idempotency_key FROM outbox WHERE entry_id = ? ORDER BY id').all(entryId) as Array<{ kind: string; payload: string; idempotency_key: string }>;
    expect(outbox.map((o) => o.kind)).toEqual(['notify', 'acknowledge']);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ entryId, rule: 'Giấy mời → Văn phòng, 2 giờ làm việc', notify: { to: ['chanhvanphong@example.gov.vn'] } });
    expect(new Set(outbox.map((o) => o.idempotency_key)).size).toBe(2);

    // The same message again: recognised as a duplicate, nothing more is queued.
    const again = await core.pipeline.submit(raw, { ...IMPORT, mailboxId: 'other' });
    expect(again.outcome).toBe('duplicate');
    expect(core.db.prepare('SELECT count(*) AS n FROM outbox WHERE entry_id = ?').get(entryId)).toEqual({ n: 2 });
  });

  it('dates other mail three working days after arrival (Friday -> Wednesday)', async () => {
    const { entryId } = await core.pipeline.submit(buildMessage({ subject: 'Báo cáo tình hình', messageId: 'bc-1@example.gov.vn' }), IMPORT);
    expect(core.db.prepare('SELECT assignee, due_date FROM register_entries WHERE id = ?').get(entryId)).toEqual<Entry>({ assignee: null, due_date: '2026-03-18' });
  });
});
