import { eq } from 'drizzle-orm';
import { diffFields, recordAudit, type Actor } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FieldSpec } from '../../platform/http/forms.ts';
import { officeSettings } from './office.tables.ts';

export interface Office {
  name: string;
  shortName: string;
  colourPrimary: string;
  colourSecondary: string;
}

/** Shown until an office is configured (e.g. before the demo is seeded). */
export const unconfiguredOffice: Office = { name: 'Safer Places', shortName: 'Safer Places', colourPrimary: '#1d2c4c', colourSecondary: '#00796b' };

export const officeFields: FieldSpec[] = [
  { name: 'name', label: 'Name of the office', kind: 'text', required: true, maxLength: 200 },
  { name: 'shortName', label: 'Short name', kind: 'text', required: true, maxLength: 60 },
  { name: 'colourPrimary', label: 'Header colour', kind: 'colour', required: true, hint: 'A dark colour: white text must have a contrast ratio of at least 4.5:1 on it' },
  { name: 'colourSecondary', label: 'Accent colour', kind: 'colour', required: true },
];

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of white text on this colour. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

export function createOfficeService(db: Db, hooks: { onChange: () => void } = { onChange: () => {} }) {
  let cached: Office | null = null;
  return {
    async get(): Promise<Office> {
      if (cached) return cached;
      const [row] = await db.select().from(officeSettings).where(eq(officeSettings.id, 1));
      cached = row ? { name: row.name, shortName: row.shortName, colourPrimary: row.colourPrimary, colourSecondary: row.colourSecondary } : null;
      return cached ?? unconfiguredOffice;
    },
    async update(actor: Actor, values: Office): Promise<void> {
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(officeSettings).where(eq(officeSettings.id, 1));
        if (before) await tx.update(officeSettings).set({ ...values, updatedAt: new Date() }).where(eq(officeSettings.id, 1));
        else await tx.insert(officeSettings).values({ id: 1, ...values });
        await recordAudit(tx, actor, { action: before ? 'update' : 'create', entityType: 'office', entityId: 1, summary: 'Changed the office settings', changes: diffFields(before ?? {}, values) });
      });
      cached = null;
      hooks.onChange();
    },
  };
}

export type OfficeService = ReturnType<typeof createOfficeService>;
