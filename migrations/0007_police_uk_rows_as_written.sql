DROP INDEX "street_crimes_month_idx";--> statement-breakpoint
ALTER TABLE "crime_outcomes" ADD COLUMN "source_month" text;--> statement-breakpoint
ALTER TABLE "street_crimes" ADD COLUMN "source_month" text;--> statement-breakpoint
ALTER TABLE "street_crimes" ADD COLUMN "context" text;