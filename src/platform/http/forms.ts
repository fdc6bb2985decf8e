// Declarative form fields: one list drives the rendered form (GOV.UK components) and the parsing and
// validation of what comes back, so the two cannot drift apart.
import type { FieldError } from './errors.ts';

export interface FieldOption {
  value: string;
  text: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select' | 'number' | 'url' | 'colour';
  hint?: string;
  required?: boolean;
  maxLength?: number;
  options?: readonly FieldOption[];
  /** For 'number': null is allowed when the field is empty and not required. */
  min?: number;
  max?: number;
  /** For text: what the whole value must match, and what to say when it does not. */
  pattern?: { regex: RegExp; message: string };
}

export type FormValues = Record<string, string | number | null>;

/** Short names in web addresses: lower-case letters, numbers and single hyphens. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugRule = { regex: slugPattern, message: 'Short name must use only lower-case letters, numbers and single hyphens, like violence-reduction' };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isRealIsoDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Parses a submitted form. Text is kept as typed (trimmed); escaping happens when it is shown. */
export function parseForm(fields: readonly FieldSpec[], body: unknown): { values: FormValues; errors: FieldError[]; raw: Record<string, string> } {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: FormValues = {};
  const raw: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const field of fields) {
    const given = input[field.name];
    const text = typeof given === 'string' ? given.trim() : '';
    raw[field.name] = text;
    const error = (message: string) => errors.push({ field: field.name, text: message });
    if (text === '') {
      if (field.required) error(`Enter ${field.label.toLowerCase()}`);
      values[field.name] = field.kind === 'text' || field.kind === 'textarea' ? '' : null;
      continue;
    }
    const maxLength = field.maxLength ?? (field.kind === 'textarea' ? 20_000 : 500);
    if (text.length > maxLength) {
      error(`${field.label} must be ${maxLength} characters or fewer`);
      continue;
    }
    switch (field.kind) {
      case 'date':
        if (!isRealIsoDate(text)) error(`${field.label} must be a real date in the format YYYY-MM-DD, like 2025-03-31`);
        else values[field.name] = text;
        break;
      case 'number': {
        const n = Number(text.replaceAll(',', ''));
        if (!Number.isFinite(n) || !/^-?[\d,]*\.?\d+([eE][-+]?\d+)?$/.test(text)) error(`${field.label} must be a number`);
        else if (field.min !== undefined && n < field.min) error(`${field.label} must be ${field.min} or more`);
        else if (field.max !== undefined && n > field.max) error(`${field.label} must be ${field.max} or less`);
        else values[field.name] = n;
        break;
      }
      case 'select':
        if (!field.options?.some((o) => o.value === text)) error(`Select ${field.label.toLowerCase()} from the list`);
        else values[field.name] = text;
        break;
      case 'url':
        if (!/^https?:\/\/[^\s]+$/i.test(text)) error(`${field.label} must be a web address starting with https://`);
        else values[field.name] = text;
        break;
      case 'colour':
        if (!/^#[0-9a-fA-F]{6}$/.test(text)) error(`${field.label} must be a colour like #1d2c4c`);
        else values[field.name] = text.toLowerCase();
        break;
      default:
        if (field.pattern && !field.pattern.regex.test(text)) error(field.pattern.message);
        else values[field.name] = text;
    }
  }
  return { values, errors, raw };
}

/** Current values of a record as strings for re-showing a form. */
export function formDefaults(fields: readonly FieldSpec[], record: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const v = record?.[field.name];
    out[field.name] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

export function errorSummary(errors: readonly FieldError[]): { text: string; href: string }[] {
  return errors.map((e) => ({ text: e.text, href: `#${e.field}` }));
}

export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.text;
  return out;
}

export function options(values: readonly string[], label: (v: string) => string): FieldOption[] {
  return values.map((value) => ({ value, text: label(value) }));
}
