export * from './mail.module';
export * from './mail.service';
export type { MailTemplateName, MailTemplates } from './templates/templates';
export * from './mail-time';
export { TEMPLATE_CATEGORY, type MailCategory } from './templates/templates';
