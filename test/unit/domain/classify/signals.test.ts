// Rules of the format the classifier reads, one row each: what a unit's mail says, and the category it must get.
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../../mail-worker/domain/classify/classify.js';
import { isReplyTo, type AttachmentForClassification, type MessageForClassification } from '../../../../mail-worker/domain/classify/input.js';
import { CorrectionMemory } from '../../../../mail-worker/domain/classify/memory.js';
import { WordModel } from '../../../../mail-worker/domain/classify/word-model.js';
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
  ['a summons to a training course, sent as a công văn', message('V/v triệu tập cán bộ tham dự lớp bồi dưỡng', 'Sở Nội vụ gửi Công văn số 88/SNV-CCVC triệu tập cán bộ tham dự lớp bồi dưỡng quản lý nhà nước. Thời gian: 07h30 ngày 12/5/2026. Địa điểm: Trường Chính trị tỉnh.'), 'meeting_invitation'],
  ['a report sent to serve a session of the People\'s Committee', message('Báo cáo tình hình kinh tế - xã hội tháng 5 phục vụ phiên họp UBND tỉnh', 'Sở Tài chính gửi Báo cáo số 76/BC-STC về tình hình kinh tế - xã hội tháng 5 để phục vụ phiên họp thường kỳ.'), 'meeting_material'],
  ['figures sent for a giao ban meeting', message('Số liệu phục vụ giao ban quý II', 'Văn phòng gửi bảng số liệu tổng hợp để phục vụ giao ban Thường trực chiều thứ Năm.'), 'meeting_material'],
  ['a công văn whose deadline sentence stands on its own', message('V/v báo cáo kết quả thu ngân sách 6 tháng', 'Sở Tài chính đề nghị UBND các xã báo cáo kết quả thu ngân sách 6 tháng đầu năm theo biểu đính kèm. Báo cáo gửi về Sở (qua Phòng Quản lý ngân sách) trước ngày 10/7/2026.', {
    attachments: [pdf('530-STC-QLNS.pdf', `${HEADER}Số: 530/STC-QLNS                     Hà Tĩnh, ngày 25 tháng 6 năm 2026\nV/v báo cáo kết quả thu ngân sách 6 tháng\nKính gửi: UBND các xã, phường.\nĐề nghị UBND các xã báo cáo kết quả thu ngân sách. Báo cáo gửi về Sở Tài chính trước ngày 10/7/2026.`)],
  }), 'official_document'],
  ['a leader\'s note on top of a forwarded request', message('Fwd: V/v báo cáo kết quả thu ngân sách 6 tháng', 'Giao Phòng Kinh tế chủ trì tham mưu, trình tôi trước ngày 05/7. Đ/c Hà theo dõi.\n\n---------- Forwarded message ---------\nFrom: Sở Tài chính <stc@hatinh.gov.vn>\nDate: Thu, Jun 25, 2026\nSubject: V/v báo cáo kết quả thu ngân sách 6 tháng\n\nĐề nghị UBND các xã báo cáo kết quả thu ngân sách 6 tháng đầu năm.'), 'directive_info'],
  ['a leader instructing in the first person', message('Xu ly ho so ton dong cuoi nam', 'Gui cac phong,\nToi yeu cau: 1. Giai quyet dut diem ho so ton trong tuan. 2. Khong de qua han.'), 'directive_info'],
  ['a reply that sends the revised draft and asks again', message('RE: Góp ý dự thảo Quy chế làm việc', 'Trên cơ sở ý kiến của các đơn vị, Văn phòng gửi dự thảo lần 2. Đề nghị các đơn vị cho ý kiến lần cuối trước ngày 20/3/2026.\n\nFrom: Sở Tư pháp <stp@hatinh.gov.vn>\nSent: Monday, March 9, 2026\nSubject: TL: Góp ý dự thảo Quy chế làm việc\n\nSở Tư pháp góp ý dự thảo như sau: ...'), 'draft_for_comment'],
  ['an IT maintenance notice, half in English', message('Thông báo: VPN tạm ngừng từ 22h00 thứ Bảy để nâng cấp', 'Dear colleagues, remote access will be unavailable during the maintenance window from 22:00 to 02:00.'), 'other'],
  ['a leader giving a unit a task to lead', message('Giao nhiệm vụ kiểm tra sạt lở bờ kè', 'Giao Phòng Kinh tế chủ trì, phối hợp Đội trật tự đô thị kiểm tra hiện trường ngay trong sáng nay.'), 'directive_info'],
];

/** The rules alone: no word model, no corrections. */
const RULES_ONLY = new CorrectionMemory([], new WordModel());

describe('classifier: rules of the format', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const result = classifyMessage(input, RULES_ONLY);
    expect(result.category, JSON.stringify(result.evidence)).toBe(expected);
  });
});
