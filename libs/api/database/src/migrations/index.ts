// Written by `npm run db:migration:create`: the committed migration history, oldest first.
import { Migration20261124164414_init } from './Migration20261124164414_init';
import { Migration20261124165336_probe_label } from './Migration20261124165336_probe_label';
import { Migration20261124172212_probe_failed_status } from './Migration20261124172212_probe_failed_status';
import { Migration20261124175018_sessions } from './Migration20261124175018_sessions';
import { Migration20261124175320_sign_in } from './Migration20261124175320_sign_in';
import { Migration20261124181548_email_tokens } from './Migration20261124181548_email_tokens';
import { Migration20261124194829_api_tokens_and_active_users } from './Migration20261124194829_api_tokens_and_active_users';
import { Migration20261124202607_credit_ledger } from './Migration20261124202607_credit_ledger';
import { Migration20261124203253_billing } from './Migration20261124203253_billing';
import { Migration20261124205514_audit_log } from './Migration20261124205514_audit_log';
import { Migration20261124210714_tool_settings } from './Migration20261124210714_tool_settings';
import { Migration20261124223404_tool_runs } from './Migration20261124223404_tool_runs';
import { Migration20261124233321_mfa } from './Migration20261124233321_mfa';
import { Migration20261124233759_session_lookup_index } from './Migration20261124233759_session_lookup_index';
import { Migration20261125004707_account_email_notifications } from './Migration20261125004707_account_email_notifications';
import { Migration20261125013538_social_identities } from './Migration20261125013538_social_identities';
import { Migration20261125034535_sign_in_second_factor } from './Migration20261125034535_sign_in_second_factor';
import { Migration20261202081000_credit_holds } from './Migration20261202081000_credit_holds';
import { Migration20261203210456_workflows } from './Migration20261203210456_workflows';
import { Migration20261203211823_workflow_runs } from './Migration20261203211823_workflow_runs';

export const MIGRATIONS = [
  {
    name: 'Migration20261124164414_init',
    class: Migration20261124164414_init,
  },
  {
    name: 'Migration20261124165336_probe_label',
    class: Migration20261124165336_probe_label,
  },
  {
    name: 'Migration20261124172212_probe_failed_status',
    class: Migration20261124172212_probe_failed_status,
  },
  {
    name: 'Migration20261124175018_sessions',
    class: Migration20261124175018_sessions,
  },
  {
    name: 'Migration20261124175320_sign_in',
    class: Migration20261124175320_sign_in,
  },
  {
    name: 'Migration20261124181548_email_tokens',
    class: Migration20261124181548_email_tokens,
  },
  {
    name: 'Migration20261124194829_api_tokens_and_active_users',
    class: Migration20261124194829_api_tokens_and_active_users,
  },
  {
    name: 'Migration20261124202607_credit_ledger',
    class: Migration20261124202607_credit_ledger,
  },
  {
    name: 'Migration20261124203253_billing',
    class: Migration20261124203253_billing,
  },
  {
    name: 'Migration20261124205514_audit_log',
    class: Migration20261124205514_audit_log,
  },
  {
    name: 'Migration20261124210714_tool_settings',
    class: Migration20261124210714_tool_settings,
  },
  {
    name: 'Migration20261124223404_tool_runs',
    class: Migration20261124223404_tool_runs,
  },
  {
    name: 'Migration20261124233321_mfa',
    class: Migration20261124233321_mfa,
  },
  {
    name: 'Migration20261124233759_session_lookup_index',
    class: Migration20261124233759_session_lookup_index,
  },
  {
    name: 'Migration20261125004707_account_email_notifications',
    class: Migration20261125004707_account_email_notifications,
  },
  {
    name: 'Migration20261125013538_social_identities',
    class: Migration20261125013538_social_identities,
  },
  {
    name: 'Migration20261125034535_sign_in_second_factor',
    class: Migration20261125034535_sign_in_second_factor,
  },
  {
    name: 'Migration20261202081000_credit_holds',
    class: Migration20261202081000_credit_holds,
  },
  {
    name: 'Migration20261203210456_workflows',
    class: Migration20261203210456_workflows,
  },
  {
    name: 'Migration20261203211823_workflow_runs',
    class: Migration20261203211823_workflow_runs,
  },
];
