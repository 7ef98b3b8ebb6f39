import { type AuditRecord, AuditService } from '@huntkit/api/audit';
import { ProblemException, type Role } from '@huntkit/api/core';
import { type User, UsersService } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AccountDeactivatedEvent } from './events/account-deactivated.event';

const ADMIN_ROLES: readonly Role[] = ['admin', 'superadmin'];
const isPrivileged = (roles: readonly Role[]) => roles.some((role) => ADMIN_ROLES.includes(role));
const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

export interface AccessChange {
  roles?: Role[];
  active?: boolean;
  reason?: string;
}

/**
 * Roles and deactivation of accounts by admins. Admin roles, and admins themselves, are changed by
 * superadmins only; nobody changes their own access. Every change is audited in its own transaction,
 * and what a deactivated account leaves running (its sessions) ends with it, through an event.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersService,
    private readonly events: EventEmitter2,
    private readonly audit: AuditService,
    private readonly em: EntityManager,
  ) {}

  async changeAccess(
    targetId: string,
    change: AccessChange,
    actor: Pick<AuditRecord, 'actorId' | 'ip' | 'userAgent'> & { roles: readonly Role[] },
  ): Promise<User> {
    const target = await this.users.findById(targetId);
    if (!target) throw new ProblemException(HttpStatus.NOT_FOUND, 'user_not_found', 'There is no such user.');
    if (target.id === actor.actorId)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'cannot_change_own_access',
        'You cannot change your own roles or status; ask another admin.',
      );
    const roles = change.roles ? [...new Set<Role>(['user', ...change.roles])] : [...target.roles];
    const deactivatedAt =
      change.active === undefined
        ? target.deactivatedAt
        : change.active
          ? null
          : (target.deactivatedAt ?? new Date());
    const rolesChanged = !sameRoles(roles, target.roles);
    const statusChanged = (deactivatedAt === null) !== (target.deactivatedAt === null);
    const touchesAdmins = isPrivileged(target.roles) || (rolesChanged && isPrivileged(roles));
    if ((rolesChanged || statusChanged) && touchesAdmins && !actor.roles.includes('superadmin'))
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'superadmin_required',
        'Only a superadmin can change admin roles or admin accounts.',
      );
    if (!rolesChanged && !statusChanged) return target;

    const { roles: _actorRoles, ...who } = actor;
    await this.em.fork().transactional(async (em) => {
      await this.users.setAccess(target.id, { roles, deactivatedAt }, em);
      const base = { ...who, targetUserId: target.id };
      if (rolesChanged)
        this.audit.record(em, {
          ...base,
          action: 'user.roles_changed',
          details: { from: [...target.roles], to: roles, reason: change.reason ?? null },
        });
      if (statusChanged) {
        let sessionsEnded = 0;
        if (deactivatedAt) {
          const event = new AccountDeactivatedEvent(target.id, em);
          await this.events.emitAsync(AccountDeactivatedEvent.eventName, event);
          sessionsEnded = event.ended.sessions ?? 0;
        }
        this.audit.record(em, {
          ...base,
          action: deactivatedAt ? 'user.deactivated' : 'user.reactivated',
          details: { reason: change.reason ?? null, sessionsEnded },
        });
      }
    });
    return { ...target, roles, deactivatedAt } as User;
  }
}
