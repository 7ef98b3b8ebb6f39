import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * An admin deactivated an account. Emitted with `emitAsync` inside the transaction that deactivates
 * it, which listeners join through `em`, so whatever they end (its sessions today; its schedules and
 * purges as those features come) ends in the same commit or not at all. Listeners note what they ended
 * in `ended`, for the audit row of the deactivation.
 */
export class AccountDeactivatedEvent {
  static readonly eventName = 'account.deactivated';

  readonly ended: { sessions?: number } = {};

  constructor(
    readonly userId: string,
    readonly em: EntityManager,
  ) {}
}
