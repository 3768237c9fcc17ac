// Admin-token authentication: a Bearer header or an httpOnly cookie set by the login form.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Request } from 'express';

export const SESSION_COOKIE = 'vanthu_token';

/** Read `<dataDir>/admin-token`, creating it (mode 0600) on first start. Returns the token and whether it is new. */
export function ensureAdminToken(dataDir: string): { token: string; file: string; created: boolean } {
  const file = path.join(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), file, created: false };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}

/** Compares tokens in constant time (over their digests, so lengths leak nothing either). */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** Whether the request carries the admin token, as a Bearer header or the login cookie. */
export function isAdmin(adminToken: string, req: Request): boolean {
  return tokenMatches(adminToken, tokenFromRequest(req));
}

/** Who is asking: the mail admin (admin token), a user by their own token, or nobody. */
export interface Principal {
  name: string;
  unit: string | null;
  roles: readonly string[];
}

export function principalOf(adminToken: string, req: Request, userByToken: (token: string) => Principal | null): Principal | null {
  const token = tokenFromRequest(req);
  if (!token) return null;
  if (tokenMatches(adminToken, token)) return { name: 'admin', unit: null, roles: ['admin'] };
  return userByToken(token);
}

function tokenFromRequest(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer) return bearer;
  return readCookie(req.get('cookie'), SESSION_COOKIE);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed cookie is no cookie
      }
    }
  }
  return undefined;
}
