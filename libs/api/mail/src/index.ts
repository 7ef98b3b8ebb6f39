export * from './mail.module';
export * from './mail.service';
export type { MailTemplateName, MailTemplates } from './templates/templates';
