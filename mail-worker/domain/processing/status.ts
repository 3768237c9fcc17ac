// Processing of an incoming document (Nghị định 30/2020 Điều 20–24), with the edXML status codes (QCVN 102:2016):
// 01 received, 02 rejected, 03 registered, 04 assigned, 05 processing, 06 done. Which moves are allowed.

export const PROCESSING_STATUSES = ['received', 'rejected', 'registered', 'assigned', 'processing', 'done'] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

export const EDXML_CODE: Record<ProcessingStatus, string> = {
  received: '01', rejected: '02', registered: '03', assigned: '04', processing: '05', done: '06',
};

/** Forward moves, one or more steps; rejected and done end the document's path (a clerk may reopen to processing). */
const NEXT: Record<ProcessingStatus, readonly ProcessingStatus[]> = {
  received: ['registered', 'assigned', 'processing', 'done', 'rejected'],
  registered: ['assigned', 'processing', 'done', 'rejected'],
  assigned: ['processing', 'done', 'rejected', 'assigned'],
  processing: ['done', 'rejected', 'assigned'],
  done: ['processing'],
  rejected: ['registered'],
};

/** Null when the move is allowed, otherwise why not. */
export function statusMoveError(from: ProcessingStatus, to: ProcessingStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  return `a document ${from} (${EDXML_CODE[from]}) cannot become ${to} (${EDXML_CODE[to]}); allowed: ${NEXT[from].join(', ')}`;
}
