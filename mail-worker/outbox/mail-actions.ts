// Outbox handlers that send mail: rule notifications, acknowledgements of receipt to the sender, forwards of the
// original message, and the security officer's alert. Texts are Vietnamese, as agencies write them.
import { createHash } from 'node:crypto';
import { vietnamDateOf, vietnamIsoOf } from '../domain/register-year.js';
import { numberAndNotation } from '../domain/document/vocabulary.js';
import { textFor } from '../http/i18n.js';
import type { RegisterEntryView } from '../register/entry-view.js';
import type { MailSender } from '../mail/send.js';
import { OutboxWait, type OutboxHandler, type OutboxRow } from './dispatcher.js';

export interface MailActionDeps {
  sender: MailSender;
  entry: (id: number) => RegisterEntryView | null;
  raw: (messageRow: number) => Buffer | null;
  /** The console's address, for links; null when not configured. */
  publicUrl: string | null;
  /** For the daily summary: entries that arrived since the day before `date`, and open overdue ones. */
  summary: (date: string) => { arrived: RegisterEntryView[]; overdue: RegisterEntryView[] };
}

/** Category names as the console shows them: mail to agencies is written in Vietnamese. */
const CATEGORY_LABEL: Readonly<Record<string, string>> = textFor('vi').categories;

export function mailActionHandlers(deps: MailActionDeps): Map<string, OutboxHandler> {
  const entryOf = (row: OutboxRow) => {
    const entry = row.entry_id === null ? null : deps.entry(row.entry_id);
    if (!entry) throw new Error(`register entry ${row.entry_id} not found`);
    return entry;
  };
  return new Map<string, OutboxHandler>([
    ['notify', async (row) => {
      const entry = entryOf(row);
      const { notify } = JSON.parse(row.payload) as { notify: { to: string[] } };
      await deps.sender.send({ to: notify.to, subject: `[Văn bản đến số ${entry.incomingNumber}] ${documentTitle(entry)}`, text: notification(entry, deps.publicUrl), messageId: messageIdOf(row) });
    }],
    ['acknowledge', async (row) => {
      const entry = entryOf(row);
      if (!entry.from.address) throw new OutboxWait('the message has no sender address to acknowledge');
      await deps.sender.send({
        to: [entry.from.address], subject: `Xác nhận đã nhận: ${entry.subject || documentTitle(entry)}`, text: acknowledgement(entry),
        messageId: messageIdOf(row), inReplyTo: entry.messageId,
      });
    }],
    ['forward', async (row) => {
      const entry = entryOf(row);
      const { forward } = JSON.parse(row.payload) as { forward: { to: string[] } };
      const copy = entry.messages[0];
      const raw = copy ? deps.raw(copy.id) : null;
      if (!raw) throw new Error('the original message cannot be read from the store');
      await deps.sender.send({
        to: forward.to, subject: `Fwd: ${entry.subject}`, text: notification(entry, deps.publicUrl), messageId: messageIdOf(row),
        attachedMessage: { filename: `van-ban-den-${entry.incomingNumber}.eml`, content: raw },
      });
    }],
    ['reminder', async (row) => {
      const entry = entryOf(row);
      const { when, dueDate, to } = JSON.parse(row.payload) as { when: 'soon' | 'overdue'; dueDate: string; to: string[] };
      if (entry.processingStatus === 'done' || entry.processingStatus === 'rejected') return; // finished meanwhile
      const subject = when === 'overdue'
        ? `[Quá hạn] Văn bản đến số ${entry.incomingNumber}: hạn xử lý ${dueDate}`
        : `[Sắp đến hạn] Văn bản đến số ${entry.incomingNumber}: hạn xử lý ${dueDate}`;
      await deps.sender.send({ to, subject, text: notification(entry, deps.publicUrl), messageId: messageIdOf(row) });
    }],
    ['daily_summary', async (row) => {
      const { date, to } = JSON.parse(row.payload) as { date: string; to: string[] };
      const { arrived, overdue } = deps.summary(date);
      const line = (e: RegisterEntryView) => `- Số đến ${e.incomingNumber}: ${documentTitle(e)}${e.dueDate ? ` (hạn ${e.dueDate})` : ''}${e.assignee ? ` — ${e.assignee}` : ''}`;
      const text = [
        `Tổng hợp văn bản đến ngày ${date}`, '',
        `Văn bản mới (${arrived.length}):`, ...(arrived.length ? arrived.map(line) : ['- không có']), '',
        `Văn bản quá hạn xử lý (${overdue.length}):`, ...(overdue.length ? overdue.map(line) : ['- không có']),
        ...(deps.publicUrl ? ['', `Xem sổ: ${deps.publicUrl.replace(/\/$/, '')}/`] : []),
      ].join('\n');
      await deps.sender.send({ to, subject: `[vanthu] Tổng hợp văn bản đến ngày ${date}: ${arrived.length} mới, ${overdue.length} quá hạn`, text, messageId: messageIdOf(row) });
    }],
    ['security_alert', async (row) => {
      const alert = JSON.parse(row.payload) as { to: string | null; incomingNumber: number; registerYear: number; confidentiality: string; codeNumber: string | null; codeNotation: string | null; issuer: string | null; from: string | null };
      if (!alert.to) throw new OutboxWait('classification.securityOfficer is not set');
      const notation = numberAndNotation(alert) || '(không rõ số, ký hiệu)';
      await deps.sender.send({
        to: [alert.to], subject: `[MẬT] Văn bản đến số ${alert.incomingNumber}/${alert.registerYear} đã được cách ly`,
        text: [
          'Kính gửi đồng chí phụ trách bảo vệ bí mật nhà nước,', '',
          `Hệ thống vanthu vừa nhận qua thư điện tử một văn bản có dấu độ mật (${alert.confidentiality}):`,
          `- Số đến: ${alert.incomingNumber}/${alert.registerYear}`, `- Số, ký hiệu: ${notation}`, `- Tác giả: ${alert.issuer ?? '(không rõ)'}`,
          `- Người gửi: ${alert.from ?? '(không rõ)'}`, '',
          'Văn bản đã được cách ly: nội dung không được lưu, không được tìm kiếm và không được phân luồng.',
          'Đề nghị đồng chí xử lý theo quy định về bảo vệ bí mật nhà nước.',
        ].join('\n'),
        messageId: messageIdOf(row),
      });
    }],
  ]);
}

/** The same outbox row always sends the same Message-ID: a retry after a crash is recognisably a repeat. */
export function messageIdOf(row: Pick<OutboxRow, 'idempotency_key'>): string {
  return `<${createHash('sha256').update(row.idempotency_key).digest('hex').slice(0, 32)}@outbox.vanthu>`;
}

function documentTitle(entry: RegisterEntryView): string {
  const notation = numberAndNotation(entry);
  return [entry.typeName, notation && `số ${notation}`, entry.documentSubject ?? entry.subject].filter(Boolean).join(' ');
}

function notification(entry: RegisterEntryView, publicUrl: string | null): string {
  const lines = [
    'Văn thư đã đăng ký văn bản đến:', '',
    `- Số đến: ${entry.incomingNumber}/${entry.registerYear}, ngày đến ${vietnamIsoOf(new Date(entry.arrivalDate)).slice(0, 16).replace('T', ' ')}`,
    `- Loại: ${CATEGORY_LABEL[entry.category] ?? entry.category}${entry.typeName ? ` — ${entry.typeName}` : ''}`,
    `- Số, ký hiệu: ${numberAndNotation(entry) || '—'}`,
    `- Tác giả: ${entry.issuer ?? entry.from.name ?? entry.from.address ?? '—'}`,
    `- Trích yếu: ${entry.documentSubject ?? entry.subject}`,
    ...(entry.urgency ? [`- Độ khẩn: ${entry.urgency}`] : []),
    ...(entry.assignee ? [`- Giao: ${entry.assignee}`] : []),
    ...(entry.dueDate ? [`- Hạn xử lý: ${entry.dueDate}`] : []),
    ...(entry.meeting?.start ? [`- Họp: ${entry.meeting.start.slice(0, 16).replace('T', ' ')}${entry.meeting.location ? `, ${entry.meeting.location}` : ''}`] : []),
  ];
  if (publicUrl) lines.push('', `Xem: ${publicUrl.replace(/\/$/, '')}/api/register/${entry.id}`);
  return lines.join('\n');
}

function acknowledgement(entry: RegisterEntryView): string {
  const notation = numberAndNotation(entry);
  return [
    'Kính gửi Quý cơ quan,', '',
    `Văn thư đã nhận ${notation ? `văn bản số ${notation}` : 'thư'}${entry.documentSubject ? ` về ${entry.documentSubject}` : ''} ngày ${vietnamDateOf(new Date(entry.arrivalDate))},`,
    `đã vào sổ văn bản đến số ${entry.incomingNumber}/${entry.registerYear}.`, '',
    'Thư này được gửi tự động để xác nhận việc tiếp nhận (Nghị định 30/2020/NĐ-CP).',
  ].join('\n');
}
