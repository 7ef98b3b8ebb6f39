import { Component, signal, viewChild } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ConfigValue } from './config-form';
import { SchemaForm } from './schema-form';
import { MIXED, PORT_SCAN } from './test-schemas';

@Component({
  imports: [SchemaForm],
  template: `<hk-schema-form
    [schema]="schema()"
    [initial]="initial()"
    [serverErrors]="errors()"
    (configChange)="configs.push($event)"
  />`,
})
class Host {
  readonly schema = signal(PORT_SCAN);
  readonly initial = signal<ConfigValue | null>(null);
  readonly errors = signal<Record<string, string>>({});
  readonly configs: ConfigValue[] = [];
  readonly form = viewChild.required(SchemaForm);
}

describe('SchemaForm', () => {
  let fixture: ComponentFixture<Host>;
  let element: HTMLElement;
  const input = (name: string) => element.querySelector(`input[name="${name}"]`) as HTMLInputElement;
  const type = async (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  it('renders a control per property with its label, hint, keyboard and default', () => {
    expect(input('target').getAttribute('inputmode')).toBe('url');
    expect(input('target').placeholder).toBe('example.com or 203.0.113.7');
    expect(input('target').required).toBe(true);
    expect(input('ports').value).toBe('1-1024');
    expect(input('concurrency').type).toBe('number');
    expect(input('concurrency').getAttribute('max')).toBe('1000');
    expect(element.textContent).toContain('A host name or an IP address you are allowed to test.');
    expect(element.textContent).toContain('From 1 to 1000.');
    expect(element.querySelector('mat-slide-toggle')?.textContent).toContain('Grab banners');
  });

  it('emits the config at the start and on every change', async () => {
    const host = fixture.componentInstance;
    expect(host.configs.at(-1)).toEqual({ target: '', ports: '1-1024', concurrency: 200, grabBanners: true });
    await type('target', 'scanme.example.com ');
    expect(host.configs.at(-1)).toEqual({
      target: 'scanme.example.com',
      ports: '1-1024',
      concurrency: 200,
      grabBanners: true,
    });
  });

  it('shows every problem on check() and says when the config can be sent', async () => {
    const host = fixture.componentInstance;
    expect(host.form().check()).toBe(false);
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent).toContain('Target is required.');
    expect(document.activeElement).toBe(input('target'));
    await type('target', 'example.com');
    expect(host.form().check()).toBe(true);
  });

  it('shows the API message on its field until the field changes', async () => {
    const host = fixture.componentInstance;
    await type('target', '10.0.0.1');
    host.errors.set({ target: 'Private addresses cannot be scanned.' });
    await fixture.whenStable();
    expect(element.querySelector('mat-error')?.textContent).toContain('Private addresses cannot be scanned.');
    await type('target', 'scanme.example.com');
    expect(element.querySelector('mat-error')).toBeNull();
  });

  it('rebuilds from an earlier config and renders selects and lists', async () => {
    const host = fixture.componentInstance;
    host.schema.set(MIXED);
    host.initial.set({ url: 'https://old.example/', extensions: ['php'] });
    await fixture.whenStable();
    expect(input('url').value).toBe('https://old.example/');
    expect(input('url').type).toBe('url');
    expect(input('extensions').value).toBe('php');
    expect(element.querySelectorAll('mat-select')).toHaveLength(2);
    expect(host.configs.at(-1)).toEqual({
      url: 'https://old.example/',
      wordlist: 'small',
      types: ['A', 'AAAA'],
      extensions: ['php'],
    });
  });
});
