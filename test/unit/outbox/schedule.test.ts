// Reminders before and after due dates and the daily summary: written to the outbox at most once each, and what
// they say.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workCalendarOf } from '../../../mail-worker/rules/working-time.js';
import { mailActionHandlers } from '../../../mail-worker/outbox/mail-actions.js';
import { scheduleDue } from '../../../mail-worker/outbox/schedule.js';
import type { OutboxRow } from '../../../mail-worker/outbox/dispatcher.js';
import type { OutgoingMail } from '../../../mail-worker/mail/send.js';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { IMPORT, testConfigFile, testCore } from '../../helpers/core.js';
import { tempDir } from '../../helpers/tmp.js';

const rulesFile = path.join(tempDir(), 'rules.yaml');
writeFileSync(rulesFile, 'rules:\n  - name: hạn 2 ngày\n    when: { subject: { exists: true } }\n    then: [ { assign: { unit: Phòng Tổng hợp } }, { due: { workingDays: 2 } } ]\n');
const config = testConfigFile({
  routing: { rulesFile, reminders: { to: ['vanphong@example.gov.vn'], beforeWorkingDays: 1 }, dailySummary: { to: ['giamdoc@example.gov.vn'], at: '07:30' } },
});
let now = new Date('2026-03-09T01:00:00Z'); // Monday 08:00 Vietnam
const core = testCore(() => now, config);
const schedule = () => scheduleDue({ db: core.db, processing: core.processing, routing: config.routing, calendar: (at) => workCalendarOf(config.workingTime, at) }, now);
const rows = () => core.db.prepare('SELECT id, entry_id, kind, payload, idempotency_key, attempts FROM outbox ORDER BY id').all() as OutboxRow[];

describe('reminders and the daily summary', () => {
  it('writes each reminder and summary once, at the right time', async () => {
    await core.pipeline.submit(buildMessage({ subject: 'Công văn đề nghị báo cáo', messageId: 's-1@example.gov.vn' }), IMPORT);
    // Due Wednesday 11 March. Monday: only the daily summary (after 07:30 on a working day).
    expect(schedule()).toBe(1);
    expect(rows().map((r) => r.kind)).toEqual(['daily_summary']);
    now = new Date('2026-03-10T01:00:00Z'); // Tuesday: due within 1 working day -> a reminder, and Tuesday's summary
    expect(schedule()).toBe(2);
    expect(schedule()).toBe(0); // running again adds nothing
    now = new Date('2026-03-12T01:00:00Z'); // Thursday: overdue
    schedule();
    expect(rows().map((r) => r.kind)).toEqual(['daily_summary', 'reminder', 'daily_summary', 'reminder', 'daily_summary']);
    expect(JSON.parse(rows()[3]!.payload)).toMatchObject({ when: 'overdue', dueDate: '2026-03-11' });
    now = new Date('2026-03-14T03:00:00Z'); // Saturday: no summary on a day off
    expect(rows().filter((r) => r.kind === 'daily_summary')).toHaveLength(3);
  });

  it('says what is due and what arrived, in Vietnamese', async () => {
    const sent: OutgoingMail[] = [];
    const handlers = mailActionHandlers({
      sender: { send: async (mail) => void sent.push(mail), close: () => undefined },
      entry: (id) => core.queries.get(id), raw: () => null, publicUrl: null, summary: (date) => core.summary(date),
    });
    for (const row of rows()) if (row.kind === 'reminder' || row.kind === 'daily_summary') await handlers.get(row.kind)!(row);
    expect(sent.map((m) => m.subject)).toEqual([
      'Tổng hợp văn bản đến ngày 2026-03-09: 1 mới, 0 quá hạn',
      'Sắp đến hạn', 'Tổng hợp', 'Quá hạn', 'Tổng hợp',
    ].map((s, i) => (i === 0 ? `[vanthu] ${s}` : expect.stringContaining(s)) as never));
    expect(sent[3]!.subject).toBe('[Quá hạn] Văn bản đến số 1: hạn xử lý 2026-03-11');
    expect(sent[4]!.text).toContain('Văn bản quá hạn xử lý (1):');
  });
});
