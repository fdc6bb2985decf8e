ALTER TABLE "crime_outcomes" DROP CONSTRAINT "crime_outcomes_file_id_police_uk_files_id_fk";
--> statement-breakpoint
ALTER TABLE "stop_searches" DROP CONSTRAINT "stop_searches_file_id_police_uk_files_id_fk";
--> statement-breakpoint
ALTER TABLE "street_crimes" DROP CONSTRAINT "street_crimes_file_id_police_uk_files_id_fk";
--> statement-breakpoint
DROP INDEX "crime_outcomes_crime_id_idx";--> statement-breakpoint
DROP INDEX "street_crimes_crime_id_idx";