import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../../mail-worker/domain/document/extract.js';

const read = (text: string) => extractDocument(text, { referenceYear: 2026 }).fields;

// Headers as text extraction hands them over: columns read one after the other, or row by row.
const COLUMN_FIRST = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
-------
Số: 45/GM-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Quảng Ngãi, ngày 10 tháng 3 năm 2026
GIẤY MỜI
Họp triển khai công tác phòng, chống thiên tai
và tìm kiếm cứu nạn năm 2026
Ủy ban nhân dân tỉnh trân trọng kính mời dự họp.
Đề nghị các đơn vị gửi báo cáo trước ngày 14/3/2026.
Nơi nhận:
- Như thành phần mời;
- Lưu: VT, KTN.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Văn Bình`;

const ROW_BY_ROW = `UBND TỈNH BÌNH ĐỊNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc
Số: 312/SNV-VP Bình Định, ngày 5 tháng 3 năm 2026
V/v cử công chức tham gia lớp bồi dưỡng
Kính gửi: Các sở, ban, ngành tỉnh.
Sở Nội vụ đề nghị các cơ quan cử công chức tham gia, chậm nhất ngày 20 tháng 3.
Nơi nhận: KT. GIÁM ĐỐC
- Như trên; PHÓ GIÁM ĐỐC
- Lưu: VT, CCVC.
Trần Thị Hoa`;

describe('extractDocument', () => {
  it('reads a header whose columns come one after the other', () => {
    const f = read(COLUMN_FIRST);
    expect(f).toMatchObject({
      issuer: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', codeNumber: '45', codeNotation: 'GM-UBND', typeCode: 'GM',
      typeName: 'Giấy mời', place: 'Quảng Ngãi', issuedDate: '2026-03-10',
      subject: 'Họp triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026', dueDate: '2026-03-14',
      recipients: ['Như thành phần mời'],
    });
    expect(f.signer).toEqual({ competence: 'TL. CHỦ TỊCH', position: 'CHÁNH VĂN PHÒNG', fullName: 'Nguyễn Văn Bình' });
  });

  it('reads a công văn whose columns are read row by row', () => {
    const f = read(ROW_BY_ROW);
    expect(f).toMatchObject({
      issuer: 'UBND TỈNH BÌNH ĐỊNH SỞ NỘI VỤ', codeNumber: '312', codeNotation: 'SNV-VP', typeName: 'Công văn', typeCode: null,
      place: 'Bình Định', issuedDate: '2026-03-05', subject: 'V/v cử công chức tham gia lớp bồi dưỡng', dueDate: '2026-03-20',
    });
    expect(f.signer).toMatchObject({ position: 'PHÓ GIÁM ĐỐC', fullName: 'Trần Thị Hoa' });
  });

  it.each([
    ['Số: 861/KH UBND Tây Ninh, ngày 2 tháng 4 năm 2025', '861', 'KH UBND', 'Kế hoạch'],
    ['Số:25/CT-UBND Cà Mau, ngày 02 tháng 01 năm 2026', '25', 'CT-UBND', 'Chỉ thị'],
    ['Số 40-CT/TW Hà Nội, ngày 15 tháng 11 năm 2004', '40', 'CT/TW', 'Chỉ thị'],
    ['Số: 61-CP Hà Nội, ngày 05 tháng 7 năm 1994', '61', 'CP', null],
    ['Số:\n/2015/TT-BLĐTBXH\nHà Nội, ngày tháng năm 2015', null, '2015/TT-BLĐTBXH', 'Thông tư'],
    ['SỐ: 07/QD-UBND Huế, ngày 3 tháng 5 năm 2026', '07', 'QD-UBND', 'Quyết định'],
  ])('reads the irregular number in %j', (line, number, notation, typeName) => {
    const f = read(`SỞ TƯ PHÁP\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n${line}\n`);
    expect([f.codeNumber, f.codeNotation, f.typeName]).toEqual([number, notation, typeName]);
  });

  it('takes a sentence-case subject under the title and stops at the authority line', () => {
    const f = read(`BỘ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/QĐ-BNV\nHà Nội, ngày 1 tháng 2 năm 2026\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nBỘ TRƯỞNG BỘ NỘI VỤ\nCăn cứ Nghị định số 63/2022/NĐ-CP;`);
    expect(f.subject).toBe('Về việc thành lập Tổ công tác');
    expect(f.typeName).toBe('Quyết định');
  });

  it('takes a sentence-case subject whose first word is one capital letter ("Ý kiến kết luận ...")', () => {
    const f = read(`BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 612/TB-BYT\nHà Nội, ngày 14 tháng 5 năm 2026\nTHÔNG BÁO\nÝ kiến kết luận của Thứ trưởng tại buổi làm việc về phòng, chống dịch\nNgày 12/5/2026, Thứ trưởng chủ trì buổi làm việc.`);
    expect(f.subject).toBe('Ý kiến kết luận của Thứ trưởng tại buổi làm việc về phòng, chống dịch');
    expect(f.typeName).toBe('Thông báo');
  });

  it('reads the same header written with old tone marks and in decomposed Unicode', () => {
    const text = COLUMN_FIRST.replace('HÒA', 'HOÀ').replace('ỦY', 'UỶ').normalize('NFD');
    const f = read(text);
    expect(f.issuer).toBe('UỶ BAN NHÂN DÂN TỈNH QUẢNG NGÃI');
    expect(f.codeNotation).toBe('GM-UBND');
    expect(f.issuedDate).toBe('2026-03-10');
  });

  it.each([
    ['HỎA TỐC', 'hoa_toc', null],
    ['THƯỢNG KHẨN', 'thuong_khan', null],
    ['KHẨN', 'khan', null],
    ['MẬT', null, 'mat'],
    ['TỐI MẬT\nHỎA TỐC', 'hoa_toc', 'toi_mat'],
    ['TUYỆT MẬT', null, 'tuyet_mat'],
  ])('reads the mark %j in the header', (mark, urgency, confidentiality) => {
    const f = read(`BỘ CÔNG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 9/BCA-V01\n${mark}\nHà Nội, ngày 1 tháng 2 năm 2026\nV/v phối hợp`);
    expect([f.urgency, f.confidentiality]).toEqual([urgency, confidentiality]);
  });

  it.each([
    'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH AN GIANG',
    'V/v tháo gỡ KHÓ KHĂN cho doanh nghiệp',
    'QUY CHẾ BẢO VỆ BÍ MẬT NHÀ NƯỚC',
    'V/v KHẨN TRƯƠNG triển khai',
  ])('does not take words for marks: %j', (line) => {
    const f = read(`${line}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 9/UBMTTQ\nAn Giang, ngày 1 tháng 2 năm 2026\n${line}`);
    expect([f.urgency, f.confidentiality]).toEqual([null, null]);
  });

  it('leaves fields null when the text shows nothing of a document', () => {
    const f = read('Gửi anh chị tài liệu tham khảo. Trân trọng.');
    expect(Object.values({ ...f, signer: f.signer }).every((v) => v === null)).toBe(true);
  });

  it('does not take placeholder signature forms for a signer', () => {
    const f = read(`${COLUMN_FIRST.split('TL. CHỦ TỊCH')[0]}\nPhụ lục\nTHỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên, đóng dấu)\nNGƯỜI LẬP BIỂU\n(Ký, ghi rõ họ tên)`);
    expect(f.signer).toBeNull();
  });
});
