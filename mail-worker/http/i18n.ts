// UI text in Vietnamese (default) and English.

const TEXT = {
  vi: {
    title: 'Sổ đăng ký văn bản đến',
    arrivalDate: 'Ngày đến', incomingNumber: 'Số đến', issuer: 'Tác giả', notation: 'Số ký hiệu', issuedDate: 'Ngày tháng',
    typeAndSubject: 'Tên loại và trích yếu', recipient: 'Đơn vị/người nhận', notes: 'Ghi chú',
    search: 'Tìm kiếm', searchPlaceholder: 'Tìm theo trích yếu, tác giả, số ký hiệu...', empty: 'Chưa có văn bản nào.',
    total: 'Tổng số', previous: 'Trang trước', next: 'Trang sau', raw: 'Thư gốc', logout: 'Đăng xuất',
    loginTitle: 'Đăng nhập vanthu', token: 'Mã quản trị', login: 'Đăng nhập',
    loginHint: 'Mã quản trị nằm trong tệp admin-token của thư mục dữ liệu.', badToken: 'Mã không đúng.',
    failed: 'Lỗi đọc thư', otherLang: 'English', otherLangCode: 'en',
    rulesTitle: 'Quy tắc phân luồng', rulesLink: 'Quy tắc phân luồng', registerLink: 'Sổ văn bản đến',
    dueSoon: 'Sắp đến hạn', overdue: 'Quá hạn',
    outboxTitle: 'Việc chờ gửi', outboxLink: 'Việc chờ gửi', retry: 'Gửi lại',
    outboxColumns: ['#', 'Loại', 'Văn bản', 'Trạng thái', 'Số lần thử', 'Lỗi', 'Thời điểm', ''],
    outboxStatus: { pending: 'Đang chờ', done: 'Đã xong', dead: 'Thất bại' },
    needsReview: 'Cần văn thư kiểm tra', quarantined: 'Văn bản mật — đã cách ly', confidence: 'độ tin cậy',
    signatureLabel: 'Chữ ký số', signedBy: 'người ký', serial: 'số hiệu chứng thư', issuedBy: 'cấp bởi', signedAt: 'ký lúc',
    signatureStatus: {
      valid: 'hợp lệ', invalid: 'không hợp lệ', untrusted: 'không tin cậy', expired: 'chứng thư hết hạn', revoked: 'chứng thư đã thu hồi',
      modified_after_signing: 'bị sửa sau khi ký', none: 'không có',
    },
    categories: {
      meeting_invitation: 'Giấy mời họp', meeting_material: 'Tài liệu họp', report: 'Văn bản để biết, báo cáo',
      announcement: 'Thông báo chung', draft_for_comment: 'Dự thảo xin ý kiến', feedback: 'Văn bản góp ý',
      statistics: 'Bảng biểu thống kê', official_document: 'Văn bản đến', schedule: 'Lịch công tác',
      directive_info: 'Thông tin chỉ đạo, điều hành', other: 'Khác',
    },
  },
  en: {
    title: 'Incoming document register',
    arrivalDate: 'Arrival date', incomingNumber: 'Incoming no.', issuer: 'Issuer', notation: 'Number and notation',
    issuedDate: 'Issued', typeAndSubject: 'Type and subject', recipient: 'Unit/recipient', notes: 'Notes',
    search: 'Search', searchPlaceholder: 'Search subject, issuer, notation...', empty: 'No documents yet.',
    total: 'Total', previous: 'Previous', next: 'Next', raw: 'Original', logout: 'Log out',
    loginTitle: 'Sign in to vanthu', token: 'Admin token', login: 'Sign in',
    loginHint: 'The admin token is in the admin-token file of the data directory.', badToken: 'Wrong token.',
    failed: 'Unreadable message', otherLang: 'Tiếng Việt', otherLangCode: 'vi',
    rulesTitle: 'Routing rules', rulesLink: 'Routing rules', registerLink: 'Incoming register',
    dueSoon: 'Due soon', overdue: 'Overdue',
    outboxTitle: 'Outbox', outboxLink: 'Outbox', retry: 'Send again',
    outboxColumns: ['#', 'Kind', 'Entry', 'Status', 'Attempts', 'Error', 'When', ''],
    outboxStatus: { pending: 'Waiting', done: 'Done', dead: 'Failed' },
    needsReview: 'Needs a clerk', quarantined: 'Classified document — quarantined', confidence: 'confidence',
    signatureLabel: 'Digital signature', signedBy: 'signed by', serial: 'certificate serial', issuedBy: 'issued by', signedAt: 'signed at',
    signatureStatus: {
      valid: 'valid', invalid: 'invalid', untrusted: 'untrusted', expired: 'certificate expired', revoked: 'certificate revoked',
      modified_after_signing: 'modified after signing', none: 'none',
    },
    categories: {
      meeting_invitation: 'Meeting invitation', meeting_material: 'Meeting material', report: 'Report / for information',
      announcement: 'Announcement', draft_for_comment: 'Draft for comment', feedback: 'Feedback on a draft',
      statistics: 'Statistics', official_document: 'Official document', schedule: 'Work schedule',
      directive_info: 'Direction from leaders', other: 'Other',
    },
  },
} as const;

export type Lang = keyof typeof TEXT;
export type UiText = (typeof TEXT)[Lang];

export function textFor(lang: Lang): UiText {
  return TEXT[lang];
}

/** `?lang=` wins, then the `vanthu_lang` cookie; Vietnamese otherwise. */
export function pickLang(query: unknown, cookie: string | undefined): Lang {
  if (query === 'en' || query === 'vi') return query;
  if (cookie === 'en' || cookie === 'vi') return cookie;
  return 'vi';
}
