// Processing status (edXML 01-06) with its history, and the deadline views: due soon and overdue.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { IMPORT, testConfigFile, testCore } from '../../helpers/core.js';
import { tempDir } from '../../helpers/tmp.js';

const rulesFile = path.join(tempDir(), 'rules.yaml');
writeFileSync(rulesFile, [
  'rules:',
  '  - name: Văn bản → Phòng Tổng hợp, 1 ngày làm việc',
  '    when: { subject: { exists: true } }',
  '    then: [ { assign: { unit: Phòng Tổng hợp } }, { due: { workingDays: 1 } } ]',
].join('\n'));

let now = new Date('2026-03-10T02:00:00Z'); // Tuesday 09:00 in Vietnam
const core = testCore(() => now, testConfigFile({ routing: { rulesFile } }));

describe('processing status and deadlines', () => {
  it('a rule that assigns moves the entry to assigned (04), recorded as done by the rules', async () => {
    const { entryId } = await core.pipeline.submit(buildMessage({ subject: 'Công văn về việc báo cáo', messageId: 'p-1@example.gov.vn' }), IMPORT);
    expect(core.queries.get(entryId)).toMatchObject({ processingStatus: 'assigned', edxmlStatusCode: '04', dueDate: '2026-03-11', assignee: 'Phòng Tổng hợp' });
    expect(core.processing.history(entryId)).toMatchObject([{ status: 'assigned', edxmlCode: '04', changedBy: 'rules', note: 'rule "Văn bản → Phòng Tổng hợp, 1 ngày làm việc"' }]);
  });

  it('records who moved a document and when; refuses moves the process does not allow', () => {
    const entryId = core.queries.list({ limit: 1, offset: 0 }).items[0]!.id;
    core.processing.change(entryId, 'processing', 'chuyenvien.a', 'đang soạn trả lời', now);
    expect(() => core.processing.change(entryId, 'received', 'x', null, now)).toThrow(/cannot become received \(01\); allowed: done, rejected, assigned/);
    expect(core.processing.history(entryId).map((h) => [h.status, h.changedBy])).toEqual([['assigned', 'rules'], ['processing', 'chuyenvien.a']]);
  });

  it('lists open documents due soon, then overdue once the date has passed; done ones drop out', async () => {
    const { entryId: second } = await core.pipeline.submit(buildMessage({ subject: 'Kế hoạch kiểm tra', messageId: 'p-2@example.gov.vn' }), IMPORT);
    expect(core.due('soon', 2).map((e) => e.id)).toHaveLength(2);
    expect(core.due('overdue', 0)).toEqual([]);
    now = new Date('2026-03-13T02:00:00Z'); // Friday: both were due Wednesday
    expect(core.due('overdue', 0).map((e) => e.dueDate)).toEqual(['2026-03-11', '2026-03-11']);
    core.processing.change(second, 'done', 'chuyenvien.b', null, now);
    expect(core.due('overdue', 0).map((e) => e.id)).not.toContain(second);
  });
});
