import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';

/**
 * One row per user, locked (`SELECT … FOR UPDATE`) by every change to their credits, so concurrent
 * reservations and grants run one after another and can never oversell.
 */
@Entity({ tableName: 'credit_accounts' })
export class CreditAccount {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;
}
