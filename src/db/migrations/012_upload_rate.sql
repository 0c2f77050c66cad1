-- 012_upload_rate.sql: the hourly upload limit (issue 9, point 2) sums the
-- sizes of the files one user attached in the last hour before each upload;
-- without this index that sum reads every attachment of every user.
CREATE INDEX attachments_user_time ON attachments(user_id, created_at);
