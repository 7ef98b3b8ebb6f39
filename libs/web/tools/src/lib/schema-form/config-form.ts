import {
  type AbstractControl,
  FormControl,
  FormRecord,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { type ConfigProperty, type ConfigSchema, type TextHints, textHints } from './config-schema';

interface FieldBase {
  name: string;
  property: ConfigProperty;
  required: boolean;
}

/** One control of a tool's config form, by the widget it needs. */
export type SchemaField =
  | (FieldBase & { kind: 'text'; control: FormControl<string>; hints: TextHints })
  | (FieldBase & { kind: 'number'; control: FormControl<number | null> })
  | (FieldBase & { kind: 'toggle'; control: FormControl<boolean> })
  | (FieldBase & { kind: 'select'; control: FormControl<string | null>; options: readonly string[] })
  | (FieldBase & { kind: 'multi'; control: FormControl<string[]>; options: readonly string[] })
  /** A free list typed as comma-separated text. */
  | (FieldBase & { kind: 'list'; control: FormControl<string> });

export type ConfigValue = Record<string, unknown>;

export interface ConfigForm {
  group: FormRecord<AbstractControl<unknown>>;
  fields: SchemaField[];
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** Whitespace alone does not fill a required text field (the API trims it). */
const requiredValue: ValidatorFn = (control) =>
  isEmpty(control.value) || (Array.isArray(control.value) && control.value.length === 0)
    ? { required: true }
    : null;

const wholeNumber: ValidatorFn = (control) =>
  isEmpty(control.value) || Number.isInteger(control.value) ? null : { integer: true };

/** JSON Schema patterns are unanchored ECMAScript regexes; Angular's string form would anchor them. */
function patternOf(source: string): ValidatorFn | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'u');
  } catch {
    return null; // a pattern the browser cannot read is left to the API
  }
  return (control) =>
    isEmpty(control.value) || regex.test(String(control.value).trim()) ? null : { pattern: true };
}

/** The entries of a comma-separated list, trimmed, without blanks (and without repeats when unique). */
export function parseList(text: string, unique = false): string[] {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  return unique ? [...new Set(entries)] : entries;
}

function listValidator(property: ConfigProperty): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const entries = Array.isArray(control.value)
      ? (control.value as string[])
      : parseList(String(control.value ?? ''), property.uniqueItems);
    const errors: ValidationErrors = {};
    if (property.maxItems !== undefined && entries.length > property.maxItems)
      errors['maxItems'] = { max: property.maxItems };
    const itemMax = property.items?.maxLength;
    if (itemMax !== undefined && entries.some((entry) => entry.length > itemMax))
      errors['itemMaxLength'] = { max: itemMax };
    if (property.items?.type === 'integer' && entries.some((entry) => !/^-?\d+$/.test(entry)))
      errors['itemInteger'] = true;
    return Object.keys(errors).length ? errors : null;
  };
}

function validatorsFor(property: ConfigProperty, required: boolean): ValidatorFn[] {
  const validators: (ValidatorFn | null)[] = [required ? requiredValue : null];
  switch (property.type) {
    case 'integer':
      validators.push(wholeNumber);
      if (property.minimum !== undefined) validators.push(Validators.min(property.minimum));
      if (property.maximum !== undefined) validators.push(Validators.max(property.maximum));
      break;
    case 'string':
      if (property.minLength !== undefined && property.minLength > 1)
        validators.push(Validators.minLength(property.minLength));
      if (property.maxLength !== undefined) validators.push(Validators.maxLength(property.maxLength));
      if (property.pattern) validators.push(patternOf(property.pattern));
      break;
    case 'array':
      validators.push(listValidator(property));
      break;
    case 'boolean':
      break;
  }
  return validators.filter((validator): validator is ValidatorFn => validator !== null);
}

const asString = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const asStrings = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((entry) => typeof entry === 'string' || typeof entry === 'number').map(String)
    : [];

function fieldOf(name: string, property: ConfigProperty, required: boolean, start: unknown): SchemaField {
  const base = { name, property, required };
  const validators = validatorsFor(property, required);
  const nonNullable = { nonNullable: true as const, validators };
  switch (property.type) {
    case 'boolean':
      return { ...base, kind: 'toggle', control: new FormControl(start === true, nonNullable) };
    case 'integer':
      return {
        ...base,
        kind: 'number',
        control: new FormControl<number | null>(typeof start === 'number' ? start : null, validators),
      };
    case 'array': {
      const options = property.items?.enum;
      if (options)
        return {
          ...base,
          kind: 'multi',
          options,
          control: new FormControl(
            asStrings(start).filter((entry) => options.includes(entry)),
            nonNullable,
          ),
        };
      return { ...base, kind: 'list', control: new FormControl(asStrings(start).join(', '), nonNullable) };
    }
    case 'string':
      if (property.enum) {
        const value = asString(start);
        return {
          ...base,
          kind: 'select',
          options: property.enum,
          control: new FormControl<string | null>(property.enum.includes(value) ? value : null, validators),
        };
      }
      return {
        ...base,
        kind: 'text',
        hints: textHints(property),
        control: new FormControl(asString(start), nonNullable),
      };
  }
}

/**
 * The form of a tool's config: one control per schema property, in schema order, started from `initial`
 * (an earlier run's config) where it has the property and from the schema's defaults elsewhere.
 */
export function buildConfigForm(schema: ConfigSchema, initial?: ConfigValue | null): ConfigForm {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties).map(([name, property]) =>
    fieldOf(
      name,
      property,
      required.has(name),
      initial && name in initial ? initial[name] : property.default,
    ),
  );
  const group = new FormRecord<AbstractControl<unknown>>({});
  for (const field of fields) group.addControl(field.name, field.control as AbstractControl<unknown>);
  return { group, fields };
}

/**
 * The config to send: text trimmed, lists split, and optional fields left empty omitted so the API
 * applies its own defaults.
 */
export function configOf(fields: readonly SchemaField[]): ConfigValue {
  const config: ConfigValue = {};
  for (const field of fields) {
    switch (field.kind) {
      case 'text': {
        const value = field.control.value.trim();
        if (value !== '' || field.required) config[field.name] = value;
        break;
      }
      case 'number':
      case 'select':
        if (field.control.value !== null) config[field.name] = field.control.value;
        break;
      case 'toggle':
      case 'multi':
        config[field.name] = field.control.value;
        break;
      case 'list': {
        const entries = parseList(field.control.value, field.property.uniqueItems);
        config[field.name] = field.property.items?.type === 'integer' ? entries.map(Number) : entries;
        break;
      }
    }
  }
  return config;
}

/** What is wrong with a field, in words, or null. A message from the API comes first. */
export function fieldMessage(field: SchemaField): string | null {
  const errors = field.control.errors;
  if (!errors) return null;
  const { title, minLength, maxLength, minimum, maximum, format } = field.property;
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required'])
    return field.kind === 'multi' ? `${title}: pick at least one.` : `${title} is required.`;
  if (errors['integer']) return `${title} must be a whole number.`;
  if (errors['min']) return `${title} must be at least ${minimum}.`;
  if (errors['max']) return `${title} must be at most ${maximum}.`;
  if (errors['minlength']) return `${title} needs at least ${minLength} characters.`;
  if (errors['maxlength']) return `${title} must be at most ${maxLength} characters.`;
  if (errors['pattern'])
    return format === 'url'
      ? 'Enter a full address starting with http:// or https://.'
      : `${title} is not in the expected form.`;
  if (errors['maxItems']) return `${title} takes at most ${field.property.maxItems} entries.`;
  if (errors['itemMaxLength'])
    return `Each entry of ${title} must be at most ${field.property.items?.maxLength} characters.`;
  if (errors['itemInteger']) return `${title} takes whole numbers separated by commas.`;
  return `${title} is not valid.`;
}

/**
 * Puts the API's messages on their controls. Angular drops the `server` error by itself at the next
 * validation, that is as soon as the field changes.
 */
export function applyServerErrors(form: ConfigForm, errors: Record<string, string>): void {
  for (const [name, message] of Object.entries(errors)) {
    const control = form.group.get(name);
    if (!control) continue;
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
  }
}
