// What a signature check says: one result per signature, with the signer and why; and the one word a register entry
// and a routing rule use for all of a message's signatures.

const SIGNATURE_STATUSES = ['valid', 'invalid', 'untrusted', 'expired', 'revoked', 'modified_after_signing'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export interface SignatureResult {
  status: SignatureStatus;
  /** Why, when not valid (and a note when valid with a remark). */
  reason: string | null;
  signer: { name: string | null; organisation: string | null; email: string | null };
  certificate: { serial: string; issuer: string; subject: string; validFrom: string; validTo: string } | null;
  /** The signing time the signature states (signed attribute), ISO 8601; null when absent. */
  signingTime: string | null;
  digestAlgorithm: string | null;
}

/** `none`: nothing in the message is signed; otherwise the worst status among its signatures. */
export type SignatureSummary = SignatureStatus | 'none';

/** Worst first: a broken or altered signature outweighs a trust or validity problem, which outweighs valid. */
const SEVERITY: readonly SignatureStatus[] = ['invalid', 'modified_after_signing', 'revoked', 'expired', 'untrusted', 'valid'];

function summarizeSignatures(results: readonly SignatureResult[]): SignatureSummary {
  if (results.length === 0) return 'none';
  return SEVERITY.find((status) => results.some((r) => r.status === status)) ?? 'invalid';
}

/**
 * The one word for a message: its own S/MIME signatures and its attachments' together. Null when they were not
 * checked (the message was registered without reading its attachments).
 */
export function messageSignatureSummary(parsed: {
  signatures?: readonly SignatureResult[] | null;
  attachments: ReadonlyArray<{ signatures?: readonly SignatureResult[] }>;
}): SignatureSummary | null {
  const all = [...(parsed.signatures ?? []), ...parsed.attachments.flatMap((a) => a.signatures ?? [])];
  if (all.length === 0 && (parsed.signatures === null || parsed.signatures === undefined)) return null;
  return summarizeSignatures(all);
}
