-- A pool key's daily quota (issue #15): the requests a day its provider allows (Gemini counts per project and starts
-- again at midnight Pacific time). NULL: no quota set. Use is counted from ai_key_rotation_log per Pacific day, never
-- kept as a counter on the key row.
ALTER TABLE ai_api_keys ADD COLUMN IF NOT EXISTS requests_per_day integer NULL;
ALTER TABLE ai_api_keys DROP CONSTRAINT IF EXISTS ai_api_keys_requests_per_day_check;
ALTER TABLE ai_api_keys ADD CONSTRAINT ai_api_keys_requests_per_day_check CHECK (requests_per_day IS NULL OR requests_per_day > 0);
