// `vanthu verify` without --json: one readable block per file, statuses in English and Vietnamese.
import type { FileVerification } from '../signatures/verify-file.js';
import type { SignatureResult } from '../signatures/types.js';

const STATUS_VI: Record<SignatureResult['status'], string> = {
  valid: 'hợp lệ', invalid: 'không hợp lệ', untrusted: 'không tin cậy', expired: 'hết hạn', revoked: 'đã thu hồi',
  modified_after_signing: 'bị sửa sau khi ký',
};

export function formatVerification(v: FileVerification): string {
  if (v.signatures.length === 0) return `${v.file}: không có chữ ký số / no signature`;
  return [
    `${v.file} (${v.kind}):`,
    ...v.signatures.map((s, i) => `  #${i + 1} ${s.status} (${STATUS_VI[s.status]})${s.signer.name ? ` — ${s.signer.name}${s.signer.organisation ? `, ${s.signer.organisation}` : ''}` : ''}` +
      `${s.signingTime ? ` — ${s.signingTime}` : ''}${s.certificate ? ` — serial ${s.certificate.serial}, issuer ${s.certificate.issuer}` : ''}${s.reason ? `\n     ${s.reason}` : ''}`),
  ].join('\n');
}
