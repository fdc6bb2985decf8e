DROP INDEX "submission_rows_place_idx";--> statement-breakpoint
ALTER TABLE "submission_rows" DROP CONSTRAINT "submission_rows_submission_id_line_pk";--> statement-breakpoint
CREATE INDEX "submission_rows_submission_brin" ON "submission_rows" USING brin ("submission_id") WITH (autosummarize=true);