CREATE TABLE "timed_crime_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timed_crime_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"superseded" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timed_crimes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timed_crimes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"import_id" integer NOT NULL,
	"crime_reference" text NOT NULL,
	"crime_type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"easting" double precision NOT NULL,
	"northing" double precision NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"superseded_by_import_id" integer
);
--> statement-breakpoint
ALTER TABLE "timed_crimes" ADD CONSTRAINT "timed_crimes_import_id_timed_crime_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."timed_crime_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "timed_crime_imports_sha256_idx" ON "timed_crime_imports" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "timed_crimes_reference_idx" ON "timed_crimes" USING btree ("crime_reference");--> statement-breakpoint
CREATE INDEX "timed_crimes_current_time_idx" ON "timed_crimes" USING btree ("occurred_at") WHERE "timed_crimes"."superseded_by_import_id" is null;