// The result types live in the domain (register entries and routing rules use them); re-exported for this module.
export type { SignatureResult, SignatureStatus } from '../domain/signature.js';
