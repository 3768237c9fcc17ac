import { describe, expect, it } from 'vitest';
import { findMeeting } from '../../../../mail-worker/domain/document/meeting.js';
import { prepareText } from '../../../../mail-worker/domain/document/prepared.js';

const meeting = (text: string) => findMeeting(prepareText(text), 0, 2026);

describe('findMeeting', () => {
  it('reads time, place, chair and participants written as labelled lines', () => {
    expect(meeting([
      'Ủy ban nhân dân tỉnh tổ chức cuộc họp triển khai nhiệm vụ năm 2026.',
      '1. Thời gian: 08 giờ 30 phút, ngày 15/3/2026 (thứ Hai).',
      '2. Địa điểm: Phòng họp số 2, trụ sở UBND tỉnh.',
      '3. Chủ trì: Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh.',
      '4. Thành phần:',
      '- Lãnh đạo Sở Tài chính;',
      '- Lãnh đạo Sở Xây dựng.',
      'Đề nghị các đơn vị tham dự đúng thành phần.',
    ].join('\n'))).toEqual({
      start: '2026-03-15T08:30:00+07:00', end: null, location: 'Phòng họp số 2, trụ sở UBND tỉnh',
      chair: 'Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh', participants: ['Lãnh đạo Sở Tài chính', 'Lãnh đạo Sở Xây dựng'],
    });
  });

  it.each([
    ['vào lúc 14h00 ngày 20/3/2026 tại Hội trường A', '2026-03-20T14:00:00+07:00', null],
    ['Thời gian: từ 8 giờ 00 đến 11 giờ 30, ngày 5 tháng 4 năm 2026', '2026-04-05T08:00:00+07:00', '2026-04-05T11:30:00+07:00'],
    ['Thời gian: 2 giờ chiều, thứ Năm, ngày 12/3', '2026-03-12T14:00:00+07:00', null],
  ])('reads the time in %j', (text, start, end) => {
    expect(meeting(text)).toMatchObject({ start, end });
  });

  it('finds nothing in text that calls no meeting', () => {
    expect(meeting('Đề nghị các đơn vị báo cáo kết quả thực hiện trước ngày 30/11/2026.')).toBeNull();
  });
});
