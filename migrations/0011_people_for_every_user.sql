-- Every user is a person too (board seats, action owners): users made before this get theirs now,
-- with a membership of the organisation they act for.
WITH made AS (
  INSERT INTO "people" ("name", "email", "user_id")
  SELECT u."display_name", u."email", u."id" FROM "users" u
  WHERE NOT EXISTS (SELECT 1 FROM "people" p WHERE p."user_id" = u."id")
  RETURNING "id", "user_id"
)
INSERT INTO "memberships" ("person_id", "organisation_id", "role")
SELECT made."id", uo."organisation_id", CASE WHEN u."role" = 'partner' THEN 'Partner user' ELSE 'Staff' END
FROM made
JOIN "user_organisations" uo ON uo."user_id" = made."user_id"
JOIN "users" u ON u."id" = made."user_id";
