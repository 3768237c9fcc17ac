import { describe, expect, it } from 'vitest';
import { foldText, nfc } from '../../../mail-worker/domain/text.js';

describe('foldText', () => {
  it.each([
    ['Giấy mời họp Đảng ủy', 'giay moi hop dang uy'],
    ['hòa', 'hoa'],
    ['hoà', 'hoa'],
    ['thủy', 'thuy'],
    ['thuỷ', 'thuy'],
    ['ĐỒNG   THÁP\n', 'dong thap'],
    ['Quyết định số 25/QĐ-UBND', 'quyet dinh so 25/qd-ubnd'],
  ])('%s -> %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('treats NFD and NFC input alike', () => {
    expect(foldText('Thông báo'.normalize('NFD'))).toBe(foldText('Thông báo'));
    expect(nfc('Thông báo'.normalize('NFD'))).toBe('Thông báo'.normalize('NFC'));
  });
});
