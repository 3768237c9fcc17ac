// The result types live in the domain (register entries and routing rules use them); re-exported for this module.
export { SIGNATURE_STATUSES, type SignatureResult, type SignatureStatus } from '../domain/signature.js';
