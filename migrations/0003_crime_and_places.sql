CREATE TABLE "lsoa_2011_to_2021" (
	"lsoa11_code" text PRIMARY KEY NOT NULL,
	"lsoa11_name" text NOT NULL,
	"lsoa21_code" text NOT NULL,
	"lsoa21_name" text NOT NULL,
	"lad_code" text NOT NULL,
	"lad_name" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_boundaries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_boundaries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_code" text NOT NULL,
	"polygons" jsonb NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "place_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"summary" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_population_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_population_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_code" text NOT NULL,
	"year" integer NOT NULL,
	"population" integer NOT NULL,
	"source" text NOT NULL,
	"superseded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_by_source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_feeds" (
	"measure_id" integer PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crime_counts" (
	"month" date NOT NULL,
	"lsoa_code" text NOT NULL,
	"crime_type" text NOT NULL,
	"crimes" integer NOT NULL,
	"crimes_with_id" integer NOT NULL,
	"charged_or_summonsed" integer NOT NULL,
	CONSTRAINT "crime_counts_month_lsoa_code_crime_type_pk" PRIMARY KEY("month","lsoa_code","crime_type")
);
--> statement-breakpoint
CREATE TABLE "crime_outcomes" (
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"month" date NOT NULL,
	"crime_id" text NOT NULL,
	"outcome_type" text NOT NULL,
	"longitude" double precision,
	"latitude" double precision,
	"location" text NOT NULL,
	"lsoa_code" text,
	"lsoa_name" text,
	"reported_by" text NOT NULL,
	"falls_within" text NOT NULL,
	CONSTRAINT "crime_outcomes_file_id_line_pk" PRIMARY KEY("file_id","line")
);
--> statement-breakpoint
CREATE TABLE "hotspot_registers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hotspot_registers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"crime_types" jsonb NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"cell_size" integer NOT NULL,
	"fdr" boolean NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotspots" (
	"register_id" integer NOT NULL,
	"hotspot_id" text NOT NULL,
	"col" integer NOT NULL,
	"row" integer NOT NULL,
	"polygon" jsonb NOT NULL,
	"wkt" text NOT NULL,
	"crimes" integer NOT NULL,
	"z" double precision NOT NULL,
	"p" double precision NOT NULL,
	"bin" integer NOT NULL,
	CONSTRAINT "hotspots_register_id_hotspot_id_pk" PRIMARY KEY("register_id","hotspot_id")
);
--> statement-breakpoint
CREATE TABLE "patrol_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "patrol_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"register_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"form" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"visits" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patrol_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "patrol_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"import_id" integer NOT NULL,
	"register_id" integer NOT NULL,
	"hotspot_id" text NOT NULL,
	"unit" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police_uk_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "police_uk_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"force" text NOT NULL,
	"month" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"stored" integer NOT NULL,
	"without_location" integer NOT NULL,
	"outside_force_area" integer NOT NULL,
	"anti_social_behaviour" integer NOT NULL,
	"repeated_crime_ids" integer NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" text NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by_id" integer
);
--> statement-breakpoint
CREATE TABLE "stop_searches" (
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"month" date NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"part_of_policing_operation" boolean,
	"policing_operation" text,
	"longitude" double precision,
	"latitude" double precision,
	"lsoa_code" text,
	"gender" text,
	"age_range" text,
	"self_defined_ethnicity" text,
	"officer_defined_ethnicity" text,
	"legislation" text,
	"object_of_search" text,
	"outcome" text,
	"outcome_linked_to_object" boolean,
	"removal_of_more_than_outer_clothing" boolean,
	CONSTRAINT "stop_searches_file_id_line_pk" PRIMARY KEY("file_id","line")
);
--> statement-breakpoint
CREATE TABLE "street_crimes" (
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"month" date NOT NULL,
	"crime_id" text,
	"crime_type" text NOT NULL,
	"last_outcome" text,
	"longitude" double precision,
	"latitude" double precision,
	"easting" double precision,
	"northing" double precision,
	"location" text NOT NULL,
	"lsoa_code" text,
	"lsoa_name" text,
	"reported_by" text NOT NULL,
	"falls_within" text NOT NULL,
	"outside_force_area" boolean NOT NULL,
	CONSTRAINT "street_crimes_file_id_line_pk" PRIMARY KEY("file_id","line")
);
--> statement-breakpoint
ALTER TABLE "place_boundaries" ADD CONSTRAINT "place_boundaries_place_code_places_code_fk" FOREIGN KEY ("place_code") REFERENCES "public"."places"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_feeds" ADD CONSTRAINT "measure_feeds_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crime_outcomes" ADD CONSTRAINT "crime_outcomes_file_id_police_uk_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."police_uk_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hotspots" ADD CONSTRAINT "hotspots_register_id_hotspot_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."hotspot_registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_imports" ADD CONSTRAINT "patrol_imports_register_id_hotspot_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."hotspot_registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patrol_visits" ADD CONSTRAINT "patrol_visits_import_id_patrol_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."patrol_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stop_searches" ADD CONSTRAINT "stop_searches_file_id_police_uk_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."police_uk_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "street_crimes" ADD CONSTRAINT "street_crimes_file_id_police_uk_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."police_uk_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "place_boundaries_current_unique" ON "place_boundaries" USING btree ("place_code") WHERE "place_boundaries"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "crime_counts_lsoa_idx" ON "crime_counts" USING btree ("lsoa_code","month");--> statement-breakpoint
CREATE INDEX "crime_outcomes_crime_id_idx" ON "crime_outcomes" USING btree ("crime_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hotspot_registers_one_current" ON "hotspot_registers" USING btree ("current") WHERE "hotspot_registers"."current";--> statement-breakpoint
CREATE INDEX "patrol_visits_register_idx" ON "patrol_visits" USING btree ("register_id","hotspot_id","start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "police_uk_files_current_unique" ON "police_uk_files" USING btree ("kind","force","month") WHERE "police_uk_files"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "stop_searches_month_idx" ON "stop_searches" USING btree ("month");--> statement-breakpoint
CREATE INDEX "street_crimes_month_idx" ON "street_crimes" USING btree ("month");--> statement-breakpoint
CREATE INDEX "street_crimes_crime_id_idx" ON "street_crimes" USING btree ("crime_id");--> statement-breakpoint
CREATE INDEX "places_parent_idx" ON "places" USING btree ("parent_code");