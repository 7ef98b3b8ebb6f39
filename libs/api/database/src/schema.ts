import {
  ActiveUserCount,
  ActiveUserPeriod,
  ApiToken,
  EmailToken,
  LoginEvent,
  SocialIdentity,
} from '@huntkit/api/auth';
import type { DatabaseSchema } from '@huntkit/api/core';
import { CREDIT_ENTITIES } from '@huntkit/api/credits';
import { BILLING_ENTITIES } from '@huntkit/api/billing';
import { AuditEntry } from '@huntkit/api/audit';
import { MFA_ENTITIES } from '@huntkit/api/mfa';
import { NotificationPreference } from '@huntkit/api/notifications';
import { TOOL_ENTITIES } from '@huntkit/api/tools';
import { WORKFLOW_ENTITIES } from '@huntkit/api/workflows';
import { WorkerProbe } from '@huntkit/api/health';
import { RefreshToken, Session } from '@huntkit/api/sessions';
import { demoAdminSeed, User } from '@huntkit/api/users';
import { MIGRATIONS } from './migrations';

/** The whole schema in one place: every process and the migration tooling load exactly this. */
export const DATABASE_SCHEMA: DatabaseSchema = {
  entities: [
    User,
    NotificationPreference,
    WorkerProbe,
    Session,
    RefreshToken,
    LoginEvent,
    EmailToken,
    ApiToken,
    SocialIdentity,
    ActiveUserPeriod,
    ActiveUserCount,
    ...CREDIT_ENTITIES,
    ...BILLING_ENTITIES,
    AuditEntry,
    ...MFA_ENTITIES,
    ...TOOL_ENTITIES,
    ...WORKFLOW_ENTITIES,
  ],
  migrations: MIGRATIONS,
  seeds: [demoAdminSeed],
};
