import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink, RouterLinkActive } from '@angular/router';
import { CreditsStore, SessionStore } from '@huntkit/web/session';
import { Logo } from '@huntkit/web/ui';
import { ACCOUNT_LINKS, NAV_LINKS } from './nav-links';

@Component({
  selector: 'hk-navbar',
  imports: [RouterLink, RouterLinkActive, MatButtonModule, MatMenuModule, Logo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="bar" aria-label="Main">
      <a class="home" routerLink="/" aria-label="Huntkit home"><hk-logo /></a>
      <div class="links">
        @for (link of links; track link.label) {
          @if (link.route) {
            <a mat-button [routerLink]="link.route" routerLinkActive="active" ariaCurrentWhenActive="page">{{
              link.label
            }}</a>
          } @else {
            <a mat-button [href]="link.href">{{ link.label }}</a>
          }
        }
      </div>
      <span class="spacer"></span>
      @if (session.user(); as user) {
        @if (credits.total() !== null) {
          <a
            class="credits"
            [class.low]="credits.low()"
            routerLink="/billing"
            [attr.aria-label]="
              credits.total() + ' credits' + (credits.low() ? ', running low' : '') + ': billing and plan'
            "
          >
            <span class="material-symbols-outlined" aria-hidden="true">{{
              credits.low() ? 'warning' : 'toll'
            }}</span>
            <span aria-hidden="true">{{ credits.total() }}</span>
          </a>
        }
        <button
          mat-icon-button
          class="avatar"
          [matMenuTriggerFor]="userMenu"
          [attr.aria-label]="initials() + ', account menu for ' + user.displayName"
        >
          <span aria-hidden="true">{{ initials() }}</span>
        </button>
        <mat-menu #userMenu="matMenu" xPosition="before">
          <div class="who">
            <strong>{{ user.displayName }}</strong>
            <span>{{ user.email }}</span>
          </div>
          @for (link of accountLinks(); track link.label) {
            <a mat-menu-item [routerLink]="link.route" [fragment]="link.fragment"
              ><span class="material-symbols-outlined menu-icon" aria-hidden="true">{{ link.icon }}</span
              >{{ link.label }}</a
            >
          }
          <button mat-menu-item type="button" (click)="signOut()">
            <span class="material-symbols-outlined menu-icon" aria-hidden="true">logout</span>Sign out
          </button>
        </mat-menu>
      } @else if (session.user() === null) {
        <a mat-button class="sign-in" routerLink="/sign-in">Sign in</a>
        <a mat-flat-button class="sign-up" routerLink="/sign-up">Create account</a>
      }
      <button mat-icon-button class="menu-toggle" [matMenuTriggerFor]="menu" aria-label="Open menu">
        <span class="material-symbols-outlined" aria-hidden="true">menu</span>
      </button>
      <mat-menu #menu="matMenu" xPosition="before">
        @for (link of links; track link.label) {
          @if (link.route) {
            <a mat-menu-item [routerLink]="link.route"
              ><span class="material-symbols-outlined menu-icon">{{ link.icon }}</span
              >{{ link.label }}</a
            >
          } @else {
            <a mat-menu-item [href]="link.href"
              ><span class="material-symbols-outlined menu-icon">{{ link.icon }}</span
              >{{ link.label }}</a
            >
          }
        }
        @if (session.user() === null) {
          <a mat-menu-item routerLink="/sign-in"
            ><span class="material-symbols-outlined menu-icon">login</span>Sign in</a
          >
          <a mat-menu-item routerLink="/sign-up"
            ><span class="material-symbols-outlined menu-icon">person_add</span>Create account</a
          >
        }
      </mat-menu>
    </nav>
  `,
  styles: `
    :host {
      position: sticky;
      top: 0;
      z-index: 10;
      display: block;
      background: color-mix(in srgb, var(--hk-chrome) 88%, transparent);
      backdrop-filter: blur(12px);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      height: var(--hk-navbar-height);
      max-width: var(--hk-content-width);
      margin: 0 auto;
      padding: 0 1.25rem;
    }
    .home {
      display: inline-flex;
      margin-right: 1rem;
      text-decoration: none;
      border-radius: 8px;
    }
    .links {
      display: flex;
      gap: 0.25rem;
      --mat-button-text-label-text-color: var(--mat-sys-on-surface-variant);
    }
    .links a.active {
      color: var(--mat-sys-primary);
      background: color-mix(in srgb, var(--mat-sys-primary) 10%, transparent);
    }
    .spacer {
      flex: 1;
    }
    .menu-toggle {
      display: none;
    }
    .menu-icon {
      margin-right: 0.75rem;
      vertical-align: middle;
    }
    .credits {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      height: 2.25rem;
      padding: 0 0.85rem;
      border-radius: 999px;
      text-decoration: none;
      font: 600 0.9rem var(--hk-mono-font);
      color: var(--mat-sys-on-surface);
      background: var(--mat-sys-surface-container-high);
    }
    .credits .material-symbols-outlined {
      font-size: 1.15rem;
      color: var(--mat-sys-primary);
    }
    .credits.low {
      color: var(--hk-warning);
      box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--hk-warning) 60%, transparent);
    }
    .credits.low .material-symbols-outlined {
      color: var(--hk-warning);
    }
    .avatar {
      font: 600 0.85rem var(--hk-brand-font);
      color: var(--mat-sys-on-primary-container);
      background: var(--mat-sys-primary-container);
    }
    .who {
      display: flex;
      flex-direction: column;
      gap: 0.15rem;
      padding: 0.75rem 1rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      max-width: 16rem;
    }
    .who span {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      overflow: hidden;
      text-overflow: ellipsis;
    }
    @media (max-width: 720px) {
      .links,
      .sign-in,
      .sign-up {
        display: none;
      }
      .menu-toggle {
        display: inline-flex;
      }
    }
  `,
})
export class Navbar {
  protected readonly links = NAV_LINKS;
  protected readonly session = inject(SessionStore);
  protected readonly credits = inject(CreditsStore);
  private readonly router = inject(Router);

  protected readonly initials = this.session.initials;
  protected readonly accountLinks = computed(() =>
    ACCOUNT_LINKS.filter((link) => !link.adminOnly || this.session.isAdmin()),
  );

  protected signOut(): void {
    this.session.signOut().subscribe(() => void this.router.navigateByUrl('/'));
  }
}
