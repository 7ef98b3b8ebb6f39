import { pageWindow, timeRangeWhere } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  targetUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/** Where a user's own action came from; the action's actor and target are the user. */
export type AuditActor = Pick<AuditRecord, 'ip' | 'userAgent'>;

/** Who made a request and from where: the actor part of an audit record. */
export function auditContextOf(request: {
  user?: { id: string };
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}): Pick<AuditRecord, 'actorId' | 'ip' | 'userAgent'> {
  const agent = request.headers['user-agent'];
  return {
    actorId: request.user?.id ?? null,
    ip: request.ip ?? null,
    userAgent: typeof agent === 'string' ? agent : null,
  };
}

export interface AuditQuery {
  userId?: string;
  /** Only rows about this user (what happened to their account), not what they did to others. */
  targetUserId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** Writes and reads the audit log. Writers pass their own transaction, so the row lands with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** Adds the row to the caller's unit of work: it is committed, or rolled back, with the change it records. */
  record(em: EntityManager, entry: AuditRecord): void {
    em.persist(
      em.create(AuditEntry, {
        actorId: entry.actorId,
        action: entry.action,
        targetUserId: entry.targetUserId ?? null,
        ip: entry.ip?.slice(0, 64) ?? null,
        userAgent: entry.userAgent?.slice(0, 512) ?? null,
        details: entry.details ?? {},
      }),
    );
  }

  /** Rows about a user (as actor or target), an action, a time range; newest first. */
  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const where = {
      ...(query.userId ? { $or: [{ actorId: query.userId }, { targetUserId: query.userId }] } : {}),
      ...(query.targetUserId ? { targetUserId: query.targetUserId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...timeRangeWhere('at', query),
    };
    const [items, total] = await this.em.fork().findAndCount(AuditEntry, where, {
      orderBy: { at: 'desc', id: 'desc' },
      ...pageWindow(query),
    });
    return { items, total };
  }
}
