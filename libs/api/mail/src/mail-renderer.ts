import { COPYRIGHT_LINE } from '@huntkit/shared/brand';
import Handlebars from 'handlebars';
import { BUTTON_PARTIAL, HTML_LAYOUT, TEXT_LAYOUT } from './templates/layout';
import { type MailTemplateName, type MailTemplates, TEMPLATE_SOURCES } from './templates/templates';

/** The footer and headers of mail the recipient may turn off. */
export interface MailUnsubscribe {
  label: string;
  pageUrl: string;
  oneClickUrl: string;
  settingsUrl: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = {
  subject: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
};

/**
 * Compiles every template once. HTML escapes the data ({{x}}); the text version is not HTML, so it is
 * compiled with escaping off (a `&` in a name must stay a `&`).
 */
export class MailRenderer {
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly compiled: Record<MailTemplateName, Compiled>;
  private readonly htmlLayout: Handlebars.TemplateDelegate;
  private readonly textLayout: Handlebars.TemplateDelegate;

  constructor() {
    this.html.registerPartial('button', BUTTON_PARTIAL);
    this.htmlLayout = this.html.compile(HTML_LAYOUT, { strict: true });
    this.textLayout = this.text.compile(TEXT_LAYOUT, { strict: true, noEscape: true });
    this.compiled = Object.fromEntries(
      Object.entries(TEMPLATE_SOURCES).map(([name, source]) => [
        name,
        {
          subject: this.text.compile(source.subject, { strict: true, noEscape: true }),
          html: this.html.compile(source.html, { strict: true }),
          text: this.text.compile(source.text, { strict: true, noEscape: true }),
        },
      ]),
    ) as Record<MailTemplateName, Compiled>;
  }

  render<T extends MailTemplateName>(
    template: T,
    to: string,
    data: MailTemplates[T],
    unsubscribe: MailUnsubscribe | null = null,
  ): RenderedMail {
    const compiled = this.compiled[template];
    const subject = compiled.subject(data);
    const frame = { subject, to, unsubscribe, copyright: COPYRIGHT_LINE };
    return {
      subject,
      html: this.htmlLayout({ ...frame, body: compiled.html(data) }),
      text: this.textLayout({ ...frame, body: compiled.text(data) }),
    };
  }
}
