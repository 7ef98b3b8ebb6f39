import type { AbstractControl } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import {
  applyServerErrors,
  buildConfigForm,
  configOf,
  fieldMessage,
  parseList,
  type SchemaField,
} from './config-form';
import { launchFieldErrors } from './config-errors';
import { asConfigSchema, textHints } from './config-schema';
import { MIXED, PORT_SCAN } from './test-schemas';

/** Fields are a union of typed controls; a spec sets any of them. */
const set = (field: SchemaField, value: unknown) =>
  (field.control as AbstractControl<unknown>).setValue(value);

const fieldNamed = (fields: SchemaField[], name: string) => {
  const field = fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`no field ${name}`);
  return field;
};

describe('buildConfigForm', () => {
  it('picks a widget per property type, in schema order, with the defaults filled in', () => {
    const form = buildConfigForm(MIXED);
    expect(form.fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['url', 'text', true],
      ['wordlist', 'select', false],
      ['types', 'multi', false],
      ['extensions', 'list', false],
      ['resolver', 'text', false],
    ]);
    expect(form.group.getRawValue()).toEqual({
      url: '',
      wordlist: 'small',
      types: ['A', 'AAAA'],
      extensions: '',
      resolver: '',
    });
    const ports = buildConfigForm(PORT_SCAN);
    expect(ports.group.getRawValue()).toEqual({
      target: '',
      ports: '1-1024',
      concurrency: 200,
      grabBanners: true,
    });
    expect(fieldNamed(ports.fields, 'concurrency').kind).toBe('number');
    expect(fieldNamed(ports.fields, 'grabBanners').kind).toBe('toggle');
  });

  it('starts from an earlier config where it has a value, ignoring what no longer fits the schema', () => {
    const form = buildConfigForm(MIXED, {
      url: 'https://a.example/',
      wordlist: 'huge',
      types: ['MX', 'PTR'],
      extensions: ['php', 'html'],
      unknown: 1,
    });
    expect(form.group.getRawValue()).toEqual({
      url: 'https://a.example/',
      wordlist: null,
      types: ['MX'],
      extensions: 'php, html',
      resolver: '',
    });
  });

  it('gives address fields the right keyboard and example', () => {
    expect(textHints(PORT_SCAN.properties['target'])).toEqual({
      type: 'text',
      inputMode: 'url',
      placeholder: 'example.com or 203.0.113.7',
    });
    expect(textHints(MIXED.properties['url']).type).toBe('url');
    expect(textHints({ type: 'string', title: 'Free' }).placeholder).toBe('');
  });

  it('reads a loose schema from the API safely', () => {
    expect(asConfigSchema(null).properties).toEqual({});
    expect(asConfigSchema({}).properties).toEqual({});
    expect(Object.keys(asConfigSchema(PORT_SCAN).properties)).toHaveLength(4);
  });
});

describe('validation', () => {
  it('explains required, range, whole-number, length and pattern problems', () => {
    const form = buildConfigForm({
      ...PORT_SCAN,
      properties: { ...PORT_SCAN.properties, url: MIXED.properties['url'] },
    });
    const target = fieldNamed(form.fields, 'target');
    const concurrency = fieldNamed(form.fields, 'concurrency');
    const ports = fieldNamed(form.fields, 'ports');
    const url = fieldNamed(form.fields, 'url');

    expect(fieldMessage(target)).toBe('Target is required.');
    set(target, '   ');
    expect(fieldMessage(target)).toBe('Target is required.');
    set(target, 'scanme.example.com');
    expect(fieldMessage(target)).toBeNull();

    set(concurrency, 0);
    expect(fieldMessage(concurrency)).toBe('Parallel connections must be at least 1.');
    set(concurrency, 1001);
    expect(fieldMessage(concurrency)).toBe('Parallel connections must be at most 1000.');
    set(concurrency, 2.5);
    expect(fieldMessage(concurrency)).toBe('Parallel connections must be a whole number.');

    set(ports, '1,'.repeat(251));
    expect(fieldMessage(ports)).toBe('Ports must be at most 500 characters.');

    set(url, 'ftp://example.com');
    expect(fieldMessage(url)).toBe('Enter a full address starting with http:// or https://.');
    set(url, 'http://');
    expect(fieldMessage(url)).toBe('URL needs at least 8 characters.');
    set(url, 'https://example.com');
    expect(fieldMessage(url)).toBeNull();
    set(concurrency, 10);
    set(ports, '80,443');
    expect(form.group.valid).toBe(true);
  });

  it('checks lists: count, entry length and repeats dropped', () => {
    const form = buildConfigForm(MIXED);
    const extensions = fieldNamed(form.fields, 'extensions');
    set(extensions, 'php, html, asp, jsp');
    expect(fieldMessage(extensions)).toBe('Extensions takes at most 3 entries.');
    set(extensions, 'php, phtml5x');
    expect(fieldMessage(extensions)).toBe('Each entry of Extensions must be at most 5 characters.');
    set(extensions, 'php, php , html');
    expect(fieldMessage(extensions)).toBeNull();
    expect(parseList('php, php , html,,', true)).toEqual(['php', 'html']);
  });
});

describe('configOf', () => {
  it('sends trimmed text, parsed lists and booleans, and leaves empty optional fields to the API', () => {
    const form = buildConfigForm(MIXED);
    form.group.patchValue({ url: '  https://example.com/  ', extensions: 'php, , html', wordlist: null });
    expect(configOf(form.fields)).toEqual({
      url: 'https://example.com/',
      types: ['A', 'AAAA'],
      extensions: ['php', 'html'],
    });
    const ports = buildConfigForm(PORT_SCAN);
    ports.group.patchValue({ target: 'example.com', concurrency: null, grabBanners: false });
    expect(configOf(ports.fields)).toEqual({ target: 'example.com', ports: '1-1024', grabBanners: false });
  });
});

describe('server errors', () => {
  const problem = (errors: { field: string; pointer: string; detail: string }[]) =>
    new HttpErrorResponse({ status: 422, error: { status: 422, code: 'validation_failed', errors } });

  it('maps each pointer onto the config property or body field it names', () => {
    const errors = launchFieldErrors(
      problem([
        { field: 'config.target', pointer: '/config/target', detail: 'Enter a host name.' },
        { field: 'config.target', pointer: '/config/target', detail: 'Second message.' },
        { field: 'config.a/b', pointer: '/config/a~1b', detail: 'Escaped.' },
        { field: 'timeoutSeconds', pointer: '/timeoutSeconds', detail: 'Too long.' },
      ]),
    );
    expect(errors).toEqual({
      config: { target: 'Enter a host name.', 'a/b': 'Escaped.' },
      body: { timeoutSeconds: 'Too long.' },
    });
    expect(launchFieldErrors(new HttpErrorResponse({ status: 402 }))).toEqual({ config: {}, body: {} });
  });

  it('shows the message on the control until its value changes', () => {
    const form = buildConfigForm(PORT_SCAN);
    const target = fieldNamed(form.fields, 'target');
    set(target, '10.0.0.1');
    applyServerErrors(form, { target: 'Private addresses cannot be scanned.', nope: 'ignored' });
    expect(target.control.touched).toBe(true);
    expect(fieldMessage(target)).toBe('Private addresses cannot be scanned.');
    set(target, 'scanme.example.com');
    expect(fieldMessage(target)).toBeNull();
  });
});
