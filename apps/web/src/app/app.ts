import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Footer } from './layout/footer';
import { Navbar } from './layout/navbar';

@Component({
  selector: 'hk-root',
  imports: [RouterOutlet, Navbar, Footer],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <hk-navbar />
    <main id="main" tabindex="-1"><router-outlet /></main>
    <hk-footer />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100dvh;
    }
    main {
      flex: 1;
      display: flex;
      flex-direction: column;
      outline: none;
    }
    .skip-link {
      position: absolute;
      left: 1rem;
      top: -4rem;
      z-index: 100;
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      transition: top 0.2s;
    }
    .skip-link:focus {
      top: 1rem;
    }
  `,
})
export class App {}
