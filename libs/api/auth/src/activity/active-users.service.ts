import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ActivityGranularity } from '../entities/active-users.entity';

export interface ActiveUsersPoint {
  periodStart: string;
  activeUsers: number;
}

/** `YYYY-MM-DD` of the UTC day, and of the first day of the UTC month, that `at` falls in. */
export function activityPeriods(at: Date): Record<ActivityGranularity, string> {
  const day = at.toISOString().slice(0, 10);
  return { day, month: `${day.slice(0, 7)}-01` };
}

/**
 * Daily and monthly active users, kept current as activity happens (sign-ins, session refreshes, API
 * token use) so analytics read a small table instead of scanning events. Counting once per user and
 * period is exact under concurrency: only the writer whose period row is new bumps the counter.
 */
@Injectable()
export class ActiveUsers {
  constructor(private readonly em: EntityManager) {}

  async record(userId: string, at = new Date()): Promise<void> {
    const periods = activityPeriods(at);
    await this.em.fork().execute(
      `with first_seen as (
         insert into active_user_periods (granularity, period_start, user_id)
         values ('day', ?::date, ?), ('month', ?::date, ?)
         on conflict do nothing
         returning granularity, period_start
       )
       insert into active_user_counts (granularity, period_start, active_users)
       select granularity, period_start, 1 from first_seen
       on conflict (granularity, period_start)
       do update set active_users = active_user_counts.active_users + 1`,
      [periods.day, userId, periods.month, userId],
    );
  }

  /** Counts for the periods starting within [from, to], oldest first; periods nobody used are absent. */
  async series(granularity: ActivityGranularity, from: string, to: string): Promise<ActiveUsersPoint[]> {
    const rows = await this.em.fork().execute<{ period_start: string; active_users: number }[]>(
      `select to_char(period_start, 'YYYY-MM-DD') as period_start, active_users
         from active_user_counts
        where granularity = ? and period_start between ?::date and ?::date
        order by period_start`,
      [granularity, from, to],
    );
    return rows.map((row) => ({ periodStart: row.period_start, activeUsers: Number(row.active_users) }));
  }
}
