CREATE TABLE "measure_process_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measure_process_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"measure_id" integer NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "rate_base" integer;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "rate_denominator" text DEFAULT 'observation' NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_process_changes" ADD CONSTRAINT "measure_process_changes_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "measure_process_changes_unique" ON "measure_process_changes" USING btree ("measure_id","period");