// Users with their own API token and roles. A token is shown once, when it is made; only its SHA-256 is stored
// (a 256-bit random token needs no slow hash: there is nothing to guess).
import { createHash, randomBytes } from 'node:crypto';
import { VanthuError } from '../errors.js';
import type { Db } from './db.js';

export const ROLES = ['admin', 'clerk', 'signer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  name: string;
  unit: string | null;
  roles: Role[];
  createdAt: string;
  disabledAt: string | null;
}

interface UserRow { id: number; name: string; unit: string | null; roles: string; created_at: string; disabled_at: string | null }

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class UserStore {
  constructor(private readonly db: Db) {}

  /** A new user and their token (returned once, never stored). */
  add(name: string, unit: string | null, roles: readonly string[], now = new Date()): { user: User; token: string } {
    const checked = checkRoles(roles);
    if (!name.trim()) throw new VanthuError('E_USER', 'a user needs a name');
    if (this.byName(name)) throw new VanthuError('E_USER', `there is already a user named ${name}`);
    const token = randomBytes(32).toString('base64url');
    this.db.prepare('INSERT INTO users (name, unit, roles, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, unit, checked.join(','), digest(token), now.toISOString());
    return { user: this.byName(name)!, token };
  }

  /** The enabled user a token belongs to, or null. */
  byToken(token: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE token_sha256 = ? AND disabled_at IS NULL').get(digest(token)) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  byName(name: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toUser);
  }

  setRoles(name: string, roles: readonly string[]): User {
    const checked = checkRoles(roles);
    if (this.db.prepare('UPDATE users SET roles = ? WHERE name = ?').run(checked.join(','), name).changes === 0) throw noSuchUser(name);
    return this.byName(name)!;
  }

  disable(name: string, now = new Date()): User {
    if (this.db.prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE name = ?').run(now.toISOString(), name).changes === 0) throw noSuchUser(name);
    return this.byName(name)!;
  }
}

function checkRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new VanthuError('E_USER', `unknown role ${unknown.join(', ')}: expected ${ROLES.join(', ')}`);
  return [...new Set(roles as Role[])];
}

function noSuchUser(name: string): VanthuError {
  return new VanthuError('E_USER', `there is no user named ${name}`);
}

function toUser(row: UserRow): User {
  return {
    id: row.id, name: row.name, unit: row.unit, roles: row.roles ? (row.roles.split(',') as Role[]) : [],
    createdAt: row.created_at, disabledAt: row.disabled_at,
  };
}
