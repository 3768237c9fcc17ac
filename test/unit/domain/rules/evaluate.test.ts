import { describe, expect, it } from 'vitest';
import { defaultHolidays } from '../../../../mail-worker/domain/calendar/holidays.js';
import { DEFAULT_WEEK, WorkCalendar } from '../../../../mail-worker/domain/calendar/work-calendar.js';
import { evaluateRules } from '../../../../mail-worker/domain/rules/evaluate.js';
import type { RoutingRule, RuleInput } from '../../../../mail-worker/domain/rules/types.js';

const calendar = new WorkCalendar({ week: DEFAULT_WEEK, holidays: defaultHolidays(2026).map((h) => h.date), workingDays: [] });

const message = (overrides: Partial<RuleInput> = {}): RuleInput => ({
  from: 'vanthu@chinhphu.gov.vn', to: ['vanphong@example.gov.vn'], mailbox: 'vanphong', folder: 'INBOX',
  subject: 'Công văn số 1184/VPCP-KTTH về việc triển khai', body: 'Kính gửi: Ủy ban nhân dân tỉnh.', category: 'official_document',
  typeName: 'Công văn', typeCode: null, issuer: 'VĂN PHÒNG CHÍNH PHỦ', codeNotation: 'VPCP-KTTH', urgency: null,
  confidentiality: null, signature: null, documentDueDate: '2026-03-20',
  attachments: [{ filename: '1184-VPCP.pdf', kind: 'pdf' }], arrivedAt: new Date('2026-03-13T16:00:00+07:00'), arrivedInWorkingHours: true,
  ...overrides,
});

const rules: RoutingRule[] = [
  {
    name: 'Văn phòng Chính phủ → Chánh Văn phòng trong 2 giờ làm việc', enabled: true,
    when: { all: [{ field: 'fromDomain', op: 'equals', value: 'chinhphu.gov.vn' }, { not: { field: 'category', op: 'in', value: ['other', 'statistics'] } }] },
    then: [{ assign: { unit: 'Văn phòng', lead: 'Chánh Văn phòng' } }, { due: { workingHours: 2 } }],
  },
  { name: 'Tắt', enabled: false, when: { field: 'subject', op: 'exists' }, then: [{ notify: { to: ['x@example.gov.vn'] } }] },
  {
    name: 'Hỏa tốc hoặc khẩn → lãnh đạo ngay, dừng', enabled: true,
    when: { any: [{ field: 'urgency', op: 'in', value: ['hoa_toc', 'thuong_khan'] }, { field: 'subject', op: 'matches', value: '\\b(hoa toc|khan)\\b' }] },
    then: [{ notify: { to: ['lanhdao@example.gov.vn'] } }, { stop: true }],
  },
  { name: 'Mọi văn bản: báo nhận', enabled: true, when: { field: 'category', op: 'equals', value: 'official_document' }, then: [{ acknowledge: true }, { due: { fromText: true } }] },
  { name: 'Chỉ hộp thư đơn vị 1', enabled: true, mailboxes: ['donvi1'], when: { field: 'subject', op: 'exists' }, then: [{ file: { dossier: 'HS-01' } }] },
];

describe('evaluateRules', () => {
  it('runs the rules in order and works out the due dates', () => {
    const { actions, rules: trace } = evaluateRules(rules, message(), calendar);
    expect(actions.map((a) => a.rule)).toEqual([
      'Văn phòng Chính phủ → Chánh Văn phòng trong 2 giờ làm việc', 'Văn phòng Chính phủ → Chánh Văn phòng trong 2 giờ làm việc',
      'Mọi văn bản: báo nhận', 'Mọi văn bản: báo nhận',
    ]);
    // Friday 16:00 + 2 working hours: 1 hour on Friday, 1 on Monday morning.
    expect(actions[1]).toMatchObject({ dueDate: '2026-03-16', dueAt: '2026-03-16T08:30:00+07:00' });
    expect(actions[3]).toMatchObject({ dueDate: '2026-03-20' });
    expect(trace.map((t) => t.outcome)).toEqual(['matched', 'skipped', 'not_matched', 'matched', 'skipped']);
    expect(trace[1]!.reason).toBe('disabled');
    expect(trace[4]!.reason).toBe('not for mailbox vanphong');
  });

  it('stops after a rule that says so, and says which rule stopped the others', () => {
    const { actions, rules: trace } = evaluateRules(rules, message({ subject: '[HOẢ TỐC] Công văn về phòng chống bão' }), calendar);
    expect(actions.map((a) => Object.keys(a.action)[0])).toEqual(['assign', 'due', 'notify']);
    expect(trace[3]).toMatchObject({ outcome: 'skipped', reason: 'stopped by "Hỏa tốc hoặc khẩn → lãnh đạo ngay, dừng"' });
  });

  it('matches text without tone marks or case, and explains each condition in the trace', () => {
    const { rules: trace } = evaluateRules([
      { name: 'đảng ủy', enabled: true, when: { all: [{ field: 'text', op: 'contains', value: 'dang uy' }, { attachment: { kind: 'pdf', name: 'VPCP' } }, { workingHours: true }] }, then: [] },
    ], message({ body: 'Kính gửi Đảng ủy Khối' }), calendar);
    expect(trace[0]!.trace).toMatchObject({
      condition: 'all', matched: true,
      children: [{ condition: 'text contains "dang uy"', matched: true }, { matched: true }, { condition: 'arrived in working hours', matched: true }],
    });
  });
});
