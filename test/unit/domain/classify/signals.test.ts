// Rules of the format the classifier reads, one row each: what a unit's mail says, and the category it must get.
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../../mail-worker/domain/classify/classify.js';
import { isReplyTo, type AttachmentForClassification, type MessageForClassification } from '../../../../mail-worker/domain/classify/input.js';
import type { Category } from '../../../../mail-worker/domain/types.js';
import { extractDocument } from '../../../../mail-worker/domain/document/extract.js';

function message(subject: string, body: string, more: Partial<MessageForClassification> = {}): MessageForClassification {
  return {
    subject, body, fromAddress: 'vanphong@example.gov.vn', attachments: [], calendarMethod: null,
    isReply: isReplyTo(null, subject), parentCategory: null, bodyDocument: null, ...more,
  };
}

function pdf(filename: string, text: string): AttachmentForClassification {
  return { filename, kind: 'pdf', text, document: extractDocument(text, { referenceYear: 2026 }).fields };
}

const HEADER = 'UBND TỈNH HÀ TĨNH                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TÀI CHÍNH                       Độc lập - Tự do - Hạnh phúc\n';

const cases: Array<[string, MessageForClassification, Category]> = [
  ['an automatic reply repeating an invitation subject', message('Trả lời tự động: Giấy mời họp giao ban quý IV', 'Tôi đang đi công tác đến hết ngày 10/11.'), 'other'],
  ['a receipt from a document system', message('Xác nhận đã nhận văn bản: Tài liệu họp HĐND', 'Hệ thống đã tiếp nhận thư. Thư này được gửi tự động, vui lòng không trả lời.'), 'other'],
  ['a postponement with the time to be announced later', message('Thông báo hoãn hội nghị tập huấn', 'Sở Tài chính thông báo hoãn hội nghị tập huấn dự kiến ngày 20/11. Thời gian tổ chức sẽ được thông báo sau.'), 'announcement'],
  ['a postponement that names the new day', message('V/v hoãn cuộc họp giao ban', 'Kính mời các đồng chí dự cuộc họp giao ban, hoãn sang ngày 25/11/2025 lúc 08h00 tại phòng họp số 2.'), 'meeting_invitation'],
  ['a follow-up invitation adding invitees', message('V/v mời bổ sung thành phần dự họp', 'Tiếp theo Giấy mời số 37/GM-UBND ngày 14/01/2026, UBND tỉnh mời bổ sung lãnh đạo Sở Tư pháp dự cuộc họp.'), 'meeting_invitation'],
  ['a speech paper for a conference', message('Gửi bài tham luận tại Hội nghị tổng kết', 'Theo phân công tại Giấy mời số 215/GM-SNNMT, UBND xã gửi bài tham luận để trình bày tại Hội nghị tổng kết.'), 'meeting_material'],
  ['a reply to an invitation that sends slides', message('RE: Giấy mời họp Hội đồng khoa học', 'Khoa gửi đề cương và slide để đưa vào tài liệu họp Hội đồng.\n\n-----Original Message-----\nKính mời các thành viên dự họp lúc 14h00.'), 'meeting_material'],
  ['a reply that reports, quoting the request it answers', message('TL: V/v báo cáo tình hình học sinh bỏ học', 'Trường gửi báo cáo tình hình học sinh bỏ học. Trường báo cáo như sau: 12 học sinh.\n\n> Đề nghị các trường báo cáo trước ngày 26/9/2025.'), 'report'],
  ['a báo cáo that gives comments on a draft', message('Gửi Báo cáo tham gia ý kiến', 'UBND xã gửi Báo cáo số 388/BC-UBND.', {
    attachments: [pdf('388-BC-UBND.pdf', `${HEADER}Số: 388/BC-UBND                     Hà Tĩnh, ngày 23 tháng 12 năm 2025\nBÁO CÁO\nTham gia ý kiến dự thảo Báo cáo sơ kết 6 tháng\nUBND xã đã nghiên cứu dự thảo và tham gia ý kiến như sau:`)],
  }), 'feedback'],
  ['a numbered công văn asking for a report by a deadline', message('V/v báo cáo tình hình giải ngân vốn đầu tư công', 'Sở Tài chính gửi Công văn số 512/STC-ĐT. Đề nghị các đơn vị gửi báo cáo trước ngày 15/4/2026.', {
    attachments: [pdf('512-STC-DT.pdf', `${HEADER}Số: 512/STC-ĐT                     Hà Tĩnh, ngày 2 tháng 4 năm 2026\nV/v báo cáo tình hình giải ngân vốn đầu tư công\nKính gửi: Các sở, ban, ngành.\nĐề nghị các đơn vị báo cáo kết quả giải ngân trước ngày 15/4/2026.`)],
  }), 'official_document'],
  ['a leader giving a unit a task to lead', message('Giao nhiệm vụ kiểm tra sạt lở bờ kè', 'Giao Phòng Kinh tế chủ trì, phối hợp Đội trật tự đô thị kiểm tra hiện trường ngay trong sáng nay.'), 'directive_info'],
];

describe('classifier: rules of the format', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const result = classifyMessage(input);
    expect(result.category, JSON.stringify(result.evidence)).toBe(expected);
  });
});
