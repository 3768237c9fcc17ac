// What every route is (method, path, who may call it, handler) and the helpers handlers share: request parameters and
// bodies checked with a 400 that names the field, and errors as JSON with their code.
import type { Request, Response } from 'express';
import type { ErrorCode } from '../errors.js';
import type { Principal } from './auth.js';

export type Handler = (req: Request, res: Response) => void | Promise<void>;
export interface Route {
  method: 'get' | 'post' | 'patch' | 'put';
  path: string;
  /** public: anyone; user: any user with a token; otherwise the role it needs (the admin token has `admin`). */
  access: 'public' | 'user' | 'admin' | 'signer';
  handler: Handler;
}

/** Who is calling, as the access guard found them: the name written into every record of who changed what. */
export function actorOf(res: Response): string {
  return (res.locals.principal as Principal).name;
}

export function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

export function httpError(status: number, code: ErrorCode, message: string): Error {
  return Object.assign(new Error(message), { status, code });
}

export function listParams(req: Request): { limit: number; offset: number; q: string | undefined } {
  const limit = intParam(req.query.limit, 50, 1, 500, 'limit');
  const offset = intParam(req.query.offset, 0, 0, Number.MAX_SAFE_INTEGER, 'offset');
  const q = typeof req.query.q === 'string' && req.query.q.trim() ? req.query.q.trim().slice(0, 500) : undefined;
  return { limit, offset, q };
}

export function intParam(value: unknown, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw httpError(400, 'E_BAD_REQUEST', `${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

export function idParam(req: Request): number {
  return intParam(req.params.id, 0, 1, Number.MAX_SAFE_INTEGER, 'id');
}

/** A document in a JSON body: { filename?, content: base64, signature?: base64, ... }. */
export function documentBody(body: unknown): Record<string, unknown> & { filename?: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw httpError(400, 'E_BAD_REQUEST', 'expected a JSON object { filename, content (base64) }');
  const b = body as Record<string, unknown>;
  if (b.filename !== undefined && (typeof b.filename !== 'string' || b.filename.length > 255)) throw httpError(400, 'E_BAD_REQUEST', 'filename must be text of at most 255 characters');
  return b as Record<string, unknown> & { filename?: string };
}

export function base64Field(value: unknown, name: string): Buffer {
  if (typeof value !== 'string' || value.length === 0 || !/^[A-Za-z0-9+/\r\n]+=*\s*$/.test(value)) {
    throw httpError(400, 'E_BAD_REQUEST', `${name} must be the file's bytes in base64`);
  }
  return Buffer.from(value, 'base64');
}

