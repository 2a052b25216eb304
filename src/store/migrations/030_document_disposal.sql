-- A deleted document's file is removed once the retention period after its
-- deletion has passed and no other document holds the same file: the row
-- stays (who deleted it, when, why) and says when its file went.
ALTER TABLE documents ADD COLUMN file_disposed_at TEXT;
