import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';

/** Route titles read "Tools · Huntkit"; the landing page keeps the full product title. */
@Injectable()
export class HuntkitTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const pageTitle = this.buildTitle(snapshot);
    this.title.setTitle(
      pageTitle ? `${pageTitle} · Huntkit` : 'Huntkit: recon and security tools in your browser',
    );
  }
}
