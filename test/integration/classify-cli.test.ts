// `vanthu classify` as an admin runs it: a readable summary, or JSON Lines with the fields the issue names.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';
import { runVanthu } from '../helpers/cli.js';
import { docx } from '../helpers/documents.js';
import { tempDir } from '../helpers/tmp.js';

const fixture = (name: string) => path.join(PROJECT_ROOT, 'test/fixtures', name);

describe('vanthu classify', () => {
  it('prints one JSON object per file with category, confidence, status, evidence, document and meeting', () => {
    const dir = tempDir();
    const file = path.join(dir, 'kh.docx');
    writeFileSync(file, docx('SỞ Y TẾ TỈNH GIA LAI\nSố: 88/KH-SYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGia Lai, ngày 4 tháng 3 năm 2026\nKẾ HOẠCH\nPhòng, chống dịch bệnh mùa mưa năm 2026'));
    const { status, stdout } = runVanthu(['classify', '--json', fixture('labelled-mail/eml/p1-gm-001.eml'), file, fixture('vn-docs/tvpl-cv-2739-vpcp-dmdn.txt')], { cwd: dir });
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, never>);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      for (const key of ['file', 'category', 'confidence', 'status', 'evidence', 'document', 'meeting']) expect(line).toHaveProperty(key);
      for (const key of ['typeName', 'typeCode', 'codeNumber', 'codeNotation', 'issuer', 'place', 'issuedDate', 'subject', 'signer', 'recipients', 'urgency', 'confidentiality', 'dueDate']) {
        expect(line.document).toHaveProperty(key);
      }
    }
    expect(lines[0]).toMatchObject({ category: 'meeting_invitation', document: { codeNotation: 'GM-UBND' }, meeting: { start: '2025-11-27T14:00:00+07:00' } });
    expect(lines[1]).toMatchObject({ category: 'official_document', document: { typeName: 'Kế hoạch', codeNumber: '88', issuedDate: '2026-03-04' }, meeting: null });
    expect(lines[2]).toMatchObject({ document: { typeName: 'Công văn', codeNotation: 'VPCP-ĐMDN', signer: { fullName: 'Mai Tiến Dũng' } } });
  });

  it('prints a readable summary, and a clear error for a file that cannot be read', () => {
    const dir = tempDir();
    const { status, stdout, stderr } = runVanthu(['classify', fixture('vn-docs/tvpl-qd-3745-tayninh.txt'), path.join(dir, 'missing.pdf')], { cwd: dir });
    expect(status).toBe(1);
    expect(stdout).toContain('Số, ký hiệu / number       3745/QĐ-UBND');
    expect(stderr).toMatch(/vanthu: E_IMPORT_PATH: .*missing\.pdf: cannot be read/);
  });
});
