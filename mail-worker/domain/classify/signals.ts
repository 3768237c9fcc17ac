// The format's signals for each category (Chỉ thị 15 categories): words in the subject and body, the document
// types attachments carry, calendar parts, spreadsheets, thread and sender. Each gives weight to one category.
import type { Category, DocumentFields } from '../types.js';
import { foldText } from '../text.js';
import { isForwardSubject, type Evidence, type MessageForClassification } from './input.js';

interface WordSignal {
  category: Category;
  pattern: RegExp;
  weight: number;
  detail: string;
}

/**
 * Details that `weighTogether` reads back, named once: the same words are shown to clerks as the evidence, so a
 * change to the wording cannot silently switch a rule off.
 */
const REPORT_REQUESTED = 'đề nghị báo cáo có thời hạn';
const NEW_TIME = 'hoãn sang thời gian mới';
const POSTPONED = 'hoãn/hủy cuộc họp';
const DOCUMENT_TYPE = 'văn bản loại';
const ADVERT = 'quảng cáo / bản tin / chào hàng';
const ASKS_COMMENTS_BY = 'xin ý kiến có thời hạn';
const REPLY_ABOUT_DRAFT = 'trả lời về dự thảo';
/** Evidence sources that are the message's own words (a reply's text above the quote, a forward's note). */
const FORWARD_NOTE = 'forward note';
const OWN_TEXT: ReadonlySet<string> = new Set(['body', FORWARD_NOTE]);

/** A letter asking for a report or figures by a deadline is a request to track, not a report ("đề nghị ... báo cáo ... trước ngày"). */
const REPORT_REQUEST = /\b(de nghi|yeu cau)\b[^.\n]{0,150}\b(bao cao|cung cap|gui)\b([^.\n]{0,100}\b(truoc|cham nhat)( ngay| luc| \d)|[^\n]{0,200}\bhan (gui|nop)\b)/;
/** The request's deadline often has a sentence of its own: "Báo cáo gửi về Sở Tài chính trước ngày 20/5/2026". */
const REPORT_DEADLINE = /\b(van ban |)(bao cao|so lieu)\b[^.\n]{0,20}\bgui ve\b[^.\n]{0,120}\b(truoc|cham nhat)( ngay| luc| \d)/;

/** Matched on folded text (no tone marks, đ -> d, lower case), so "Giấy mời" and "Giay moi" are one signal. */
const WORDS: readonly WordSignal[] = [
  // "Tài liệu ... theo Giấy mời số 45/GM-UBND" names an invitation, it is not one.
  { category: 'meeting_invitation', pattern: /(?<!\btai lieu\b.{0,80})\bgiay moi\b/, weight: 4, detail: 'giấy mời' },
  { category: 'meeting_invitation', pattern: /\b(kinh )?moi (du |tham du )?(hop|hoi nghi|hoi thao|toa dam|lam viec)\b/, weight: 3.5, detail: 'mời họp' },
  // "Tiếp theo Giấy mời số 37/GM-UBND" opens a follow-up invitation; "theo / tại Giấy mời số ..." cites one.
  { category: 'meeting_invitation', pattern: /(?<!\btai lieu\b.{0,80}|(?<!tiep )(kem theo|theo|phuc vu|tai) giay moi (so )?)\d+\/gm-/, weight: 4, detail: 'số ký hiệu /GM-' },
  { category: 'meeting_invitation', pattern: /\b(doi (thoi gian|dia diem|lich)|thay doi (thoi gian|dia diem)) (to chuc )?(cuoc )?(hop|hoi nghi)\b/, weight: 3, detail: 'đổi thời gian, địa điểm họp' },
  // A postponement re-convenes the meeting only when it names the new time; otherwise it is a notice.
  { category: 'meeting_invitation', pattern: /\bhoan\b[^.\n]{0,100}\b(sang|den|vao) (ngay|luc|thu|\d)/, weight: 3, detail: NEW_TIME },
  { category: 'meeting_invitation', pattern: /\b(moi bo sung|bo sung thanh phan)\b/, weight: 3.5, detail: 'mời bổ sung thành phần' },
  // A summons to a course or conference is a call to attend at a stated time and place, like a giấy mời.
  { category: 'meeting_invitation', pattern: /\bgiay trieu tap\b|\/gtt-|\btrieu tap\b[^.\n]{0,120}\b(tham du|tham gia)\b/, weight: 4, detail: 'giấy triệu tập' },
  { category: 'meeting_invitation', pattern: /\bkinh moi\b[^.\n]{0,150}\btham du\b/, weight: 3.5, detail: 'kính mời tham dự' },
  { category: 'announcement', pattern: /\b(hoan|huy|tam hoan|tam dung)( to chuc)? (cuoc |buoi |viec )?(hop|hoi nghi|hoi thao|lop|tap huan|khoa)/, weight: 2.5, detail: POSTPONED },
  { category: 'announcement', pattern: /\b(se|duoc)( duoc)? thong bao sau\b/, weight: 3, detail: 'thời gian thông báo sau' },
  { category: 'meeting_material', pattern: /\btai lieu\b[^.\n]{0,40}\b(hop|hoi nghi|hoi thao|toa dam|phien hop)\b/, weight: 4.5, detail: 'tài liệu họp' },
  { category: 'meeting_material', pattern: /\bphuc vu (cuoc |buoi |phien |ky )?(hop|hoi nghi|giao ban)\b/, weight: 3.5, detail: 'phục vụ cuộc họp' },
  { category: 'meeting_material', pattern: /(?<!tiep )\b(kem theo|theo|phuc vu|tai) giay moi (so )?\d/, weight: 4, detail: 'kèm theo giấy mời số' },
  { category: 'meeting_material', pattern: /\b(bai )?tham luan\b/, weight: 4, detail: 'tham luận' },
  { category: 'meeting_material', pattern: /\b(slide|bai trinh chieu|trinh bay tai (hoi nghi|cuoc hop|phien hop|hoi dong))\b/, weight: 3, detail: 'trình bày tại cuộc họp' },
  { category: 'meeting_material', pattern: /\btai lieu\b.{0,80}\bgiay moi\b/, weight: 4, detail: 'tài liệu theo giấy mời' },
  { category: 'report', pattern: /(?<!du thao )\bbao cao\b/, weight: 2.5, detail: 'báo cáo' },
  { category: 'report', pattern: /\/bc-/, weight: 3.5, detail: 'số ký hiệu /BC-' },
  { category: 'report', pattern: /\b(de biet|de bao cao|kinh bao cao)\b/, weight: 1.5, detail: 'để biết / để báo cáo' },
  { category: 'report', pattern: /\bbao cao (ket qua |tinh hinh )?(cu the )?nhu sau\b/, weight: 3, detail: 'báo cáo như sau' },
  { category: 'announcement', pattern: /\bthong bao\b(?! (ket luan|y kien))/, weight: 2.5, detail: 'thông báo' },
  { category: 'announcement', pattern: /\/tb-/, weight: 3, detail: 'số ký hiệu /TB-' },
  { category: 'announcement', pattern: /\b(nghi (le|tet)|lich nghi|cat dien|toan the (can bo|cong chuc)|cac phong, ban)\b/, weight: 2, detail: 'thông báo chung' },
  { category: 'draft_for_comment', pattern: /\bdu thao\b/, weight: 1.5, detail: 'dự thảo' },
  { category: 'draft_for_comment', pattern: /\b(xin|lay|de nghi (tham gia|gop)) y kien\b/, weight: 3, detail: 'xin ý kiến' },
  { category: 'draft_for_comment', pattern: /\b(de nghi|kinh de nghi)[^.\n]{0,40}\b(gop y|cho y kien)\b(?! chi dao)/, weight: 2.5, detail: 'đề nghị góp ý' },
  // Asking for comments by a date opens a round of comments, also when it is sent as a reply ("gửi dự thảo lần 2").
  { category: 'draft_for_comment', pattern: /\b(de nghi|kinh de nghi|xin)\b[^.\n]{0,80}\b(gop y|cho y kien|tham gia y kien)\b[^.\n]{0,150}\b(truoc|cham nhat) ngay\b/, weight: 2, detail: ASKS_COMMENTS_BY },
  { category: 'feedback', pattern: /(?<!(lay|xin|de nghi|de nghi tham gia)( y kien)? )\b(y kien gop y|gop y (doi voi |vao |cho )?(du thao|noi dung du thao|du an (luat|nghi dinh|phap lenh)))\b/, weight: 3, detail: 'góp ý dự thảo' },
  { category: 'feedback', pattern: /(?<!(lay|xin|de nghi) )\b(tham gia |co )?y kien (doi voi|vao|ve|gop y (doi voi |vao )?)(du thao|noi dung du thao)\b/, weight: 3, detail: 'ý kiến về dự thảo' },
  { category: 'feedback', pattern: /\b(gop y nhu sau|co y kien nhu sau|y kien cu the nhu sau|de nghi co quan soan thao|nhat tri voi (noi dung )?du thao)\b/, weight: 3, detail: 'ý kiến như sau' },
  { category: 'feedback', pattern: /\b(thong nhat (voi|noi dung)|khong co y kien (khac|bo sung|gop y))\b/, weight: 3, detail: 'thống nhất / không có ý kiến khác' },
  { category: 'feedback', pattern: /(?<!(de nghi|xin|moi|kinh moi) )\btham gia y kien (doi voi |vao |ve )?(du thao|noi dung du thao)/, weight: 3, detail: 'tham gia ý kiến dự thảo' },
  { category: 'feedback', pattern: /\b(nhan duoc|phuc dap|tra loi) (cong van|van ban)[^.\n]{0,160}\b(y kien|gop y)\b/, weight: 3, detail: 'phúc đáp đề nghị góp ý' },
  { category: 'feedback', pattern: /\b(ket qua lay y kien|tong hop y kien gop y)\b/, weight: 3, detail: 'kết quả lấy ý kiến' },
  { category: 'statistics', pattern: /\bso lieu\b/, weight: 2.5, detail: 'số liệu' },
  { category: 'statistics', pattern: /\bthong ke\b/, weight: 2.5, detail: 'thống kê' },
  { category: 'statistics', pattern: /\bbieu (mau|so|tong hop)\b/, weight: 2.5, detail: 'biểu mẫu / biểu số' },
  // "V/v" is the công văn's form, used for every purpose: a faint sign on its own.
  { category: 'official_document', pattern: /\bv\/v\b/, weight: 0.5, detail: 'V/v' },
  { category: 'official_document', pattern: /(?<!du thao )\b(cong van|quyet dinh|chi thi|ke hoach|to trinh|huong dan|cong dien|nghi quyet|thong tu|nghi dinh)\b/, weight: 1.2, detail: 'tên loại văn bản' },
  { category: 'official_document', pattern: /\b(hoa toc|thuong khan)\b|\[khan\]|^khan\b/, weight: 1.5, detail: 'độ khẩn' },
  { category: 'official_document', pattern: REPORT_REQUEST, weight: 2.5, detail: REPORT_REQUESTED },
  { category: 'official_document', pattern: REPORT_DEADLINE, weight: 2.5, detail: REPORT_REQUESTED },
  { category: 'schedule', pattern: /\blich (cong tac|lam viec|truc|tiep cong dan|tuan|trinh)\b/, weight: 4.5, detail: 'lịch công tác' },
  { category: 'directive_info', pattern: /\by kien chi dao\b/, weight: 4.5, detail: 'ý kiến chỉ đạo' },
  { category: 'directive_info', pattern: /\b(chi dao cua|ket luan (cua|chi dao)|thong bao ket luan|chi dao (khan|dieu hanh|xu ly))\b/, weight: 3.5, detail: 'chỉ đạo, điều hành' },
  { category: 'directive_info', pattern: /\by kien (cua )?(dong chi|lanh dao|chu tich|pho chu tich|giam doc|bo truong|thu truong)\b/, weight: 3.5, detail: 'ý kiến của lãnh đạo' },
  { category: 'directive_info', pattern: /\b(giao (xu ly|thuc hien|nhiem vu|cho)|but phe|chu tri tham muu|dong y (ve )?chu truong)\b/, weight: 2.5, detail: 'giao việc, bút phê' },
  { category: 'directive_info', pattern: /\bgiao\b[^.\n]{0,80}\bchu tri\b/, weight: 3, detail: 'giao chủ trì' },
  // The leader writing in the first person: "Tôi yêu cầu: 1. ...", "Tôi đã xem báo cáo ... Đề nghị: ...".
  { category: 'directive_info', pattern: /\btoi (yeu cau|giao|chi dao|da (xem|doc) (bao cao|to trinh|van ban|de xuat))\b/, weight: 3, detail: 'lãnh đạo yêu cầu (ngôi thứ nhất)' },
  { category: 'directive_info', pattern: /^(\[?(khan|hoa toc)\]?:? )?(v\/v )?chi dao\b|\b(cong van|van ban) (so )?\d+\/\S+ (ngay \S+ )?chi dao\b/, weight: 3, detail: 'chỉ đạo, điều hành' },
  { category: 'other', pattern: /\b(undeliverable|delivery status|mail delivery|khong (the )?gui duoc|returned mail)\b/, weight: 6, detail: 'thư báo lỗi gửi' },
  { category: 'other', pattern: /\b(tu dong tra loi|automatic reply|auto(-| )?reply|out of office|vang mat (tu|den))\b/, weight: 6, detail: 'trả lời tự động' },
  { category: 'other', pattern: /\b(thu nay (duoc )?gui tu dong|vui long khong tra loi|do not reply|no-?reply)\b/, weight: 4, detail: 'thư gửi tự động' },
  { category: 'other', pattern: /\b(trung thuong|khuyen mai|giam gia|quang cao|newsletter|ban tin|unsubscribe|huy dang ky|chieu sinh|bao gia)\b/, weight: 3.5, detail: ADVERT },
  { category: 'other', pattern: /\b(tai khoan ngan hang|cai dat ung dung|\.apk|xac nhan thong tin tai khoan|dang nhap (de|tai))\b/, weight: 4, detail: 'dấu hiệu lừa đảo' },
  { category: 'other', pattern: /\b(sinh nhat|dam cuoi|thiep cuoi|tan gia|chuc mung nam moi)\b/, weight: 3, detail: 'việc riêng' },
  { category: 'other', pattern: /\b(bao tri|nang cap) (he thong|may chu|thu dien tu)|\bmat khau\b|\bxac minh tai khoan\b|\b(maintenance|downtime)\b|\b(tam ngung|gian doan)\b[^.\n]{0,120}\b(nang cap|bao tri)\b/, weight: 3, detail: 'thông báo kỹ thuật' },
];

/** The type a document header names, and the category documents of that type travel as (others: official). */
const TYPE_CATEGORY: Readonly<Record<string, Category>> = {
  'Giấy mời': 'meeting_invitation', 'Báo cáo': 'report', 'Thông báo': 'announcement', 'Lịch công tác': 'schedule',
};
/**
 * How much a document's type says about why the mail was sent. A công văn says least: it is the cover letter of
 * drafts, comments and materials alike, and its trích yếu (read separately) tells the purpose.
 */
const TYPE_WEIGHT: Readonly<Record<string, number>> = {
  'Giấy mời': 4.5, 'Báo cáo': 3.5, 'Thông báo': 3, 'Lịch công tác': 4.5, 'Công văn': 2,
};
const OTHER_TYPE_WEIGHT = 3;
/** A draft announces itself at the top ("DỰ THẢO", "Dự thảo lần 2") or in its file name. */
const DRAFT_MARK = /^\s*\(?du thao\b/; // on folded text: one line, no tone marks

/** Subject prefixes of machine-made replies: read receipts, delivery failures, automatic answers. */
const AUTOMATIC_SUBJECT = /^\s*(da doc|read|tra loi tu dong|xac nhan (da )?nhan( van ban| thu)?|undeliverable|khong gui duoc|delivery status notification|tu dong tra loi|automatic reply|auto(-| )?reply|out of office|returned mail)\s*:/;

const SUBJECT_WEIGHT = 1;
const BODY_WEIGHT = 0.5;
const ATTACHMENT_TEXT_WEIGHT = 0.4;

export function signalsOf(message: MessageForClassification): Evidence[] {
  const evidence: Evidence[] = [];
  const subject = foldText(message.subject);
  if (AUTOMATIC_SUBJECT.test(subject)) add(evidence, 'other', 8, 'subject', 'thư tự động (đã đọc, lỗi gửi, trả lời tự động)');
  // A forward with a note of its own: the note says why it is sent on ("Giao Phòng Kinh tế chủ trì ..."); the
  // forwarded message, and the subject it brings, say what it is about.
  const note = forwardNote(message.subject, message.body);
  words(evidence, subject, 'subject', note ? SUBJECT_WEIGHT / 2 : SUBJECT_WEIGHT);
  if (note) words(evidence, note, FORWARD_NOTE, SUBJECT_WEIGHT);
  words(evidence, foldText(ownText(message.body, message.isReply).slice(0, 3000)), 'body', BODY_WEIGHT);
  for (const attachment of message.attachments) {
    const source = `attachment ${attachment.filename ?? '(no name)'}`;
    const name = foldText(attachment.filename ?? '');
    if (attachment.text) words(evidence, foldText(attachment.text.slice(0, 1500)), source, ATTACHMENT_TEXT_WEIGHT);
    const draft = /\bdu thao\b|\bdt\b/.test(name.replace(/[-_.]/g, ' ')) || DRAFT_MARK.test(foldText(attachment.text?.slice(0, 600) ?? ''));
    if (draft) add(evidence, 'draft_for_comment', 3, source, 'văn bản dự thảo');
    if (attachment.document) documentSignals(evidence, attachment.document, source, draft ? 0.25 : 1);
    // What an attached document is about says why it was sent ("V/v góp ý dự thảo ...", "V/v gửi tài liệu họp");
    // a draft's subject is the subject of a document that does not exist yet, and says little.
    const about = attachment.document?.subject;
    if (about) words(evidence, foldText(about), `${source} (trích yếu)`, draft ? 0.3 : 1.2);
    if (attachment.kind === 'spreadsheet') {
      add(evidence, 'statistics', 1.5, source, 'bảng tính');
      if (/\b(bieu|so lieu|thong ke|chi tieu)\b/.test(`${name} ${foldText(attachment.text?.slice(0, 2000) ?? '')}`)) {
        add(evidence, 'statistics', 2.5, source, 'bảng tính số liệu / biểu');
      }
    }
    if (attachment.kind === 'presentation') add(evidence, 'meeting_material', 1.5, source, 'bài trình chiếu');
  }
  if (message.bodyDocument) documentSignals(evidence, message.bodyDocument, 'body', 0.8);

  if (message.calendarMethod === 'REQUEST') add(evidence, 'meeting_invitation', 5, 'calendar', 'lời mời lịch (METHOD:REQUEST)');
  if (message.calendarMethod === 'CANCEL') add(evidence, 'meeting_invitation', 3, 'calendar', 'hủy lịch họp (METHOD:CANCEL)');
  if (message.calendarMethod === 'REPLY') add(evidence, 'other', 5, 'calendar', 'trả lời lời mời lịch (METHOD:REPLY)');
  if (message.calendarMethod === 'PUBLISH') add(evidence, 'schedule', 3, 'calendar', 'lịch được chia sẻ (METHOD:PUBLISH)');
  threadSignals(evidence, message, subject);
  senderSignals(evidence, message);
  return weighTogether(evidence, message);
}

/**
 * Signals that change what other signals mean:
 * - a reply's subject repeats the request it answers, so its "xin ý kiến dự thảo" or "Giấy mời" is the parent's;
 * - a công văn asking for a report by a deadline is a request, whatever its words about reports and figures;
 * - a postponement that names the new time calls the meeting again: it is no longer a notice;
 * - a reply that asks for comments by a date is the next round of a draft, not an answer to it;
 * - when the mail says it carries meeting materials, the documents attached are those materials, whatever their type,
 *   and the invitation it names ("theo Giấy mời số 45/GM-UBND") is a reference, not a new invitation; the reports
 *   and figures it names are those materials;
 * - commercial words from a .gov.vn sender are an agency's own notice (a school's "chiêu sinh"), not an advert.
 */
function weighTogether(evidence: Evidence[], message: MessageForClassification): Evidence[] {
  const materials = evidence.some((e) => e.category === 'meeting_material' && (e.source === 'subject' || e.source === 'body'));
  const governmentSender = /\.gov\.vn$/i.test(message.fromAddress ?? '');
  // A numbered công văn asking for a report or figures is the request; its "báo cáo", "số liệu" say what it asks for.
  const request = evidence.some((e) => e.detail === REPORT_REQUESTED)
    && evidence.some((e) => e.detail.startsWith(`${DOCUMENT_TYPE} Công văn`));
  const newTime = evidence.some((e) => e.detail === NEW_TIME);
  const asksAgain = message.isReply && evidence.some((e) => e.detail === ASKS_COMMENTS_BY && OWN_TEXT.has(e.source));
  return evidence.map((e) => {
    // Words about reports and figures: what a request asks for, or what meeting materials are.
    const reportWords = (e.category === 'report' || e.category === 'statistics') && !e.detail.startsWith(DOCUMENT_TYPE);
    let scale = 1;
    if (newTime && e.detail === POSTPONED) scale = 0;
    if (message.isReply && e.source === 'subject') scale *= 0.3;
    if (request && reportWords) scale *= 0.4;
    if (asksAgain && e.detail === REPLY_ABOUT_DRAFT) scale *= 0.3;
    if (materials && e.source.startsWith('attachment') && e.detail.startsWith(DOCUMENT_TYPE)) scale *= 0.5;
    // "gửi Báo cáo số 186/BC-TKKH ... để phục vụ phiên họp": the report and the figures are the materials.
    if (materials && reportWords) scale *= 0.4;
    if (materials && e.category === 'meeting_invitation' && e.source !== 'calendar') scale *= 0.4;
    if (governmentSender && e.category === 'other' && e.detail === ADVERT) scale *= 0.5;
    return scale === 1 ? e : { ...e, weight: Math.round(e.weight * scale * 100) / 100 };
  });
}

/** Where a reply quotes the message it answers: its words are the parent's ("> ...", "-----Original Message-----"). */
const QUOTE_START = /^(>|-{2,}\s*original message|-{2,}\s*thư gốc|vào .{4,80} đã viết:|on .{4,80} wrote:|(from|từ): .+\n(sent|date|đã gửi|ngày): )/imu;

/** A reply's own text, without the quoted parent; a forward keeps everything (what it forwards is its content). */
function ownText(body: string, isReply: boolean): string {
  if (!isReply) return body;
  const quote = QUOTE_START.exec(body);
  return quote ? body.slice(0, quote.index) : body;
}

const FORWARD_START = /^(-{2,}\s*(forwarded message|original message|thư chuyển tiếp|tin nhắn chuyển tiếp)|from: .+\n(sent|date): )/imu;
/** Below this many characters the note is a greeting ("Gửi anh chị", "FYI"), which says nothing of why. */
const NOTE_MIN_LENGTH = 40;

/** The folded note written above a forwarded message, or null when the mail is not a forward or has no real note. */
function forwardNote(subject: string, body: string): string | null {
  if (!isForwardSubject(subject)) return null;
  const start = FORWARD_START.exec(body);
  if (!start) return null;
  const note = foldText(body.slice(0, start.index));
  return note.length >= NOTE_MIN_LENGTH ? note : null;
}

function words(evidence: Evidence[], folded: string, source: string, scale: number): void {
  for (const signal of WORDS) {
    if (signal.pattern.test(folded)) add(evidence, signal.category, signal.weight * scale, source, signal.detail);
  }
}

function documentSignals(evidence: Evidence[], document: DocumentFields, source: string, scale: number): void {
  const type = document.typeName;
  if (!type) return;
  let category = TYPE_CATEGORY[type] ?? 'official_document';
  // A thông báo that conveys a leader's conclusions or directions is directive information, not a general notice.
  if (category === 'announcement' && /\b(ket luan|y kien chi dao|chi dao cua)\b/.test(foldText(document.subject ?? ''))) category = 'directive_info';
  // A báo cáo whose trích yếu gives comments on a draft ("Tham gia ý kiến dự thảo ...") is the answer to that draft.
  if (category === 'report' && /\b(tham gia y kien|gop y|ket qua lay y kien|tong hop y kien)\b/.test(foldText(document.subject ?? ''))) category = 'feedback';
  // A complete header (number, issuer, date) is a registered document of the agency that sent it.
  const complete = document.codeNotation && document.issuer && document.issuedDate ? 0.5 : 0;
  const weight = (TYPE_WEIGHT[type] ?? OTHER_TYPE_WEIGHT) + complete;
  add(evidence, category, weight * scale, source, `${DOCUMENT_TYPE} ${type}${document.codeNotation ? ` (${document.codeNotation})` : ''}`);
}

function threadSignals(evidence: Evidence[], message: MessageForClassification, subject: string): void {
  if (message.parentCategory === 'draft_for_comment' && message.isReply) {
    add(evidence, 'feedback', 8, 'thread', 'trả lời thư xin ý kiến dự thảo');
    return;
  }
  if (message.isReply && /\b(du thao|gop y|y kien)\b/.test(subject)) add(evidence, 'feedback', 3, 'thread', REPLY_ABOUT_DRAFT);
}

function senderSignals(evidence: Evidence[], message: MessageForClassification): void {
  const address = message.fromAddress ?? '';
  if (/^(mailer-daemon|postmaster)@/i.test(address)) add(evidence, 'other', 6, 'sender', 'máy chủ thư');
  else if (/\.gov\.vn\./i.test(address)) add(evidence, 'other', 5, 'sender', 'tên miền giả mạo .gov.vn');
  else if (address && !/\.gov\.vn$/i.test(address)) add(evidence, 'other', 1, 'sender', 'người gửi ngoài .gov.vn');
  if (!message.subject.trim() && !message.body.trim() && message.attachments.length === 0) add(evidence, 'other', 2, 'message', 'thư trống');
}

function add(evidence: Evidence[], category: Category, weight: number, source: string, detail: string): void {
  evidence.push({ category, weight: Math.round(weight * 100) / 100, source, detail });
}
