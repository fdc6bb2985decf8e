ALTER TABLE "crime_outcomes" DROP CONSTRAINT "crime_outcomes_file_id_line_pk";--> statement-breakpoint
ALTER TABLE "stop_searches" DROP CONSTRAINT "stop_searches_file_id_line_pk";--> statement-breakpoint
ALTER TABLE "street_crimes" DROP CONSTRAINT "street_crimes_file_id_line_pk";--> statement-breakpoint
CREATE INDEX "crime_outcomes_file_brin" ON "crime_outcomes" USING brin ("file_id") WITH (autosummarize=true);--> statement-breakpoint
CREATE INDEX "stop_searches_file_brin" ON "stop_searches" USING brin ("file_id") WITH (autosummarize=true);--> statement-breakpoint
CREATE INDEX "street_crimes_file_brin" ON "street_crimes" USING brin ("file_id") WITH (autosummarize=true);