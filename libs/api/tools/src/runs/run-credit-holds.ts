import {
  type CreditHoldOwner,
  CreditHoldOwners,
  type HoldOwnerRef,
  type HoldOwnerState,
} from '@huntkit/api/credits';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ACTIVE_RUN_STATUSES, ToolRun } from './entities/tool-run.entity';

/** The hold that pays for a run. */
export const runHold = (run: Pick<ToolRun, 'id'>): HoldOwnerRef => ({ kind: 'run', id: run.id });

export const OVERRAN_ERROR =
  'The run did not finish within its time limit and was stopped. Your credits were returned.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tells the credit sweeper and the invariant check what tool runs are doing (see CreditHoldOwner). */
@Injectable()
export class ToolRunHolds implements CreditHoldOwner, OnModuleInit {
  readonly kind = 'run';

  constructor(private readonly owners: CreditHoldOwners) {}

  onModuleInit(): void {
    this.owners.register(this);
  }

  async states(
    em: EntityManager,
    ids: readonly string[],
    { lock }: { lock: boolean },
  ): Promise<Map<string, HoldOwnerState>> {
    const runIds = ids.filter((id) => UUID.test(id));
    if (runIds.length === 0) return new Map();
    const runs = await em.find(
      ToolRun,
      { id: runIds },
      {
        fields: ['id', 'status'],
        orderBy: { id: 'asc' },
        ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
        refresh: true,
      },
    );
    return new Map(
      runs.map((run) => [run.id, ACTIVE_RUN_STATUSES.includes(run.status) ? 'active' : 'finished']),
    );
  }

  /** A worker still running it sees the run finished within a second (its cancel check) and stops. */
  async abandon(em: EntityManager, id: string, now: Date): Promise<void> {
    await em.nativeUpdate(
      ToolRun,
      { id, status: { $in: [...ACTIVE_RUN_STATUSES] } },
      { status: 'failed', finishedAt: now, error: OVERRAN_ERROR },
    );
  }

  async activeCostByUser(em: EntityManager): Promise<Map<string, number>> {
    const rows = await em.execute<{ user_id: string; cost: string }[]>(
      `select user_id, sum(cost) as cost from tool_runs where status in (${ACTIVE_RUN_STATUSES.map(() => '?').join(', ')}) group by user_id`,
      [...ACTIVE_RUN_STATUSES],
    );
    return new Map(rows.map((row) => [row.user_id, Number(row.cost)]));
  }
}
