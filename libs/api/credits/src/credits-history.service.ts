import { pageWindow, timeRangeWhere } from '@huntkit/api/core';
import { UsersService } from '@huntkit/api/users';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CreditLedgerEntry, type LedgerEntryKind } from './entities/credit-ledger-entry.entity';
import { localDate, nextDate, startOfLocalDay } from './zoned-time';

export interface LedgerQuery {
  page: number;
  pageSize: number;
  kinds?: readonly LedgerEntryKind[];
  from?: Date;
  to?: Date;
}

export interface UsageDay {
  date: string;
  spent: number;
}

/** Read side of the ledger: paged history and per-day usage for charts, in the user's time zone. */
@Injectable()
export class CreditsHistoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
  ) {}

  async ledger(userId: string, query: LedgerQuery): Promise<{ items: CreditLedgerEntry[]; total: number }> {
    const where = {
      userId,
      ...(query.kinds?.length ? { kind: { $in: [...query.kinds] } } : {}),
      ...timeRangeWhere('at', query),
    };
    const [items, total] = await this.em.fork().findAndCount(CreditLedgerEntry, where, {
      orderBy: { at: 'desc', id: 'desc' },
      ...pageWindow(query),
    });
    return { items, total };
  }

  /** Credits spent per local day over the last `days` days (refunds count back), oldest first, zeros included. */
  async usage(userId: string, days: number, now = new Date()): Promise<UsageDay[]> {
    const timeZone = await this.users.timeZoneOf(userId);
    const dates: string[] = [];
    let date = localDate(new Date(now.getTime() - (days - 1) * 24 * 3600_000), timeZone);
    for (let i = 0; i < days; i++, date = nextDate(date)) dates.push(date);
    const rows = await this.em.fork().execute<{ day: string; spent: string }[]>(
      `select to_char(at at time zone ?, 'YYYY-MM-DD') as day, -sum(amount) as spent
         from credit_ledger
        where user_id = ? and kind in ('spend', 'refund') and at >= ?
        group by 1`,
      [timeZone, userId, startOfLocalDay(dates[0] ?? localDate(now, timeZone), timeZone)],
    );
    const spent = new Map(rows.map((row) => [row.day, Number(row.spent)]));
    return dates.map((day) => ({ date: day, spent: Math.max(0, spent.get(day) ?? 0) }));
  }
}
