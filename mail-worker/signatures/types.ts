// What a signature check says: one result per signature, with the signer and why.

export const SIGNATURE_STATUSES = ['valid', 'invalid', 'untrusted', 'expired', 'revoked', 'modified_after_signing'] as const;
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
