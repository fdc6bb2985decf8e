CREATE TABLE "agreement_datasets" (
	"agreement_id" integer NOT NULL,
	"dataset_id" integer NOT NULL,
	CONSTRAINT "agreement_datasets_agreement_id_dataset_id_pk" PRIMARY KEY("agreement_id","dataset_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_parties" (
	"agreement_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "agreement_parties_agreement_id_organisation_id_pk" PRIMARY KEY("agreement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agreements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"lawful_basis" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"review_date" date,
	"status" text NOT NULL,
	"document_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"dataset_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_label" text,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dataset_columns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dataset_columns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dataset_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	"unit" text,
	"allowed_values" jsonb,
	"required" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_named_organisations" (
	"dataset_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "dataset_named_organisations_dataset_id_organisation_id_pk" PRIMARY KEY("dataset_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "dataset_submitters" (
	"dataset_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	CONSTRAINT "dataset_submitters_dataset_id_organisation_id_pk" PRIMARY KEY("dataset_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "datasets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"owner_organisation_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"geography_level" text NOT NULL,
	"period_type" text NOT NULL,
	"first_period" text NOT NULL,
	"due_days_after_period" integer DEFAULT 30 NOT NULL,
	"sensitivity" text NOT NULL,
	"suppress_below" integer,
	"round_to" integer,
	"secondary_suppression" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_label" text NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"from_date" date,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"email" text,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submission_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dataset_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"period" text NOT NULL,
	"submission_id" integer NOT NULL,
	"rows" integer NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by_submission_id" integer
);
--> statement-breakpoint
CREATE TABLE "submission_rows" (
	"submission_id" integer NOT NULL,
	"line" integer NOT NULL,
	"place_code" text NOT NULL,
	"period" text NOT NULL,
	"numbers" double precision[] NOT NULL,
	"labels" text[] NOT NULL,
	CONSTRAINT "submission_rows_submission_id_line_pk" PRIMARY KEY("submission_id","line")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"dataset_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"periods" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by_user_id" integer,
	"submitted_by_label" text NOT NULL,
	"api_token_id" integer,
	"diff_summary" jsonb
);
--> statement-breakpoint
CREATE TABLE "user_organisations" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "agreement_id" integer;--> statement-breakpoint
ALTER TABLE "agreement_datasets" ADD CONSTRAINT "agreement_datasets_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_datasets" ADD CONSTRAINT "agreement_datasets_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_parties" ADD CONSTRAINT "agreement_parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_columns" ADD CONSTRAINT "dataset_columns_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_named_organisations" ADD CONSTRAINT "dataset_named_organisations_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_named_organisations" ADD CONSTRAINT "dataset_named_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_submitters" ADD CONSTRAINT "dataset_submitters_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_submitters" ADD CONSTRAINT "dataset_submitters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_periods" ADD CONSTRAINT "submission_periods_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_periods" ADD CONSTRAINT "submission_periods_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_periods" ADD CONSTRAINT "submission_periods_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_periods" ADD CONSTRAINT "submission_periods_superseded_by_submission_id_submissions_id_fk" FOREIGN KEY ("superseded_by_submission_id") REFERENCES "public"."submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_organisations" ADD CONSTRAINT "user_organisations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_organisations" ADD CONSTRAINT "user_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_datasets_dataset_idx" ON "agreement_datasets" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "agreement_parties_organisation_idx" ON "agreement_parties" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_reference_unique" ON "agreements" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_unique" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_columns_name_unique" ON "dataset_columns" USING btree ("dataset_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_columns_position_unique" ON "dataset_columns" USING btree ("dataset_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_slug_unique" ON "datasets" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "memberships_organisation_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_org_id_unique" ON "organisations" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_user_unique" ON "people" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submission_periods_current_unique" ON "submission_periods" USING btree ("dataset_id","organisation_id","period") WHERE "submission_periods"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "submission_periods_submission_idx" ON "submission_periods" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "submission_rows_place_idx" ON "submission_rows" USING btree ("submission_id","place_code");--> statement-breakpoint
CREATE INDEX "submissions_dataset_idx" ON "submissions" USING btree ("dataset_id","organisation_id","submitted_at");