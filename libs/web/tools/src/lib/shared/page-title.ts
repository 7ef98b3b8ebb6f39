import { effect, inject, type Signal } from '@angular/core';
import { Title } from '@angular/platform-browser';

/**
 * Names the page after what it shows once that has loaded ("Port scan · Huntkit"); the route's static
 * title stands until then. Same format as the app's title strategy.
 */
export function pageTitle(title: Signal<string | null>): void {
  const titles = inject(Title);
  effect(() => {
    const text = title();
    if (text) titles.setTitle(`${text} · Huntkit`);
  });
}
