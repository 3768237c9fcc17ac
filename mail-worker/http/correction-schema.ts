// What a clerk may send to correct a register entry (PATCH /api/register/:id), checked before anything is written.
import { z } from 'zod';
import { CATEGORIES } from '../domain/types.js';

const text = z.string().trim().min(1, 'expected text (or null to clear it)').max(2000).nullable();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').nullable();

export const correctionSchema = z.strictObject({
  category: z.enum(CATEGORIES, { error: `expected one of ${CATEGORIES.join(', ')}` }),
  status: z.enum(['registered', 'needs_review'], { error: 'expected registered or needs_review' }),
  typeName: text, typeCode: text, codeNumber: text, codeNotation: text, issuer: text, place: text,
  issuedDate: date, documentSubject: text, signerCompetence: text, signerPosition: text, signerFullName: text,
  urgency: z.enum(['khan', 'thuong_khan', 'hoa_toc'], { error: 'expected khan, thuong_khan, hoa_toc or null' }).nullable(),
  confidentiality: z.enum(['mat', 'toi_mat', 'tuyet_mat'], { error: 'expected mat, toi_mat, tuyet_mat or null' }).nullable(),
  dueDate: date, assignee: text, notes: text,
}).partial();
