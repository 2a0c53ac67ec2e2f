-- The language the contact's own messages decided, kept beside a choice the consultant makes, so "back to automatic"
-- returns to it instead of starting again from the phone number (which later short messages cannot change).
ALTER TABLE contact_languages ADD COLUMN IF NOT EXISTS automatic_language text NULL
    CHECK (automatic_language IN ('it', 'en', 'es', 'fr'));
ALTER TABLE contact_languages ADD COLUMN IF NOT EXISTS automatic_source text NULL
    CHECK (automatic_source IN ('client', 'phone', 'detected', 'asked'));
UPDATE contact_languages SET automatic_language = language, automatic_source = source
 WHERE source <> 'consultant' AND automatic_language IS NULL;
