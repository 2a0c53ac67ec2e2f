-- The contact's language (issue #14): one of it/en/es/fr per conversation address (a phone, a WhatsApp user id, or
-- either in the simulator), and why it is that one. Sticky: written when a message changes it or the consultant
-- chooses (Languages/ContactLanguages); every query names consultant_id.
CREATE TABLE IF NOT EXISTS contact_languages (
    consultant_id   uuid        NOT NULL REFERENCES consultants (id) ON DELETE CASCADE,
    contact_address text        NOT NULL,
    language        text        NOT NULL CHECK (language IN ('it', 'en', 'es', 'fr')),
    source          text        NOT NULL CHECK (source IN ('client', 'phone', 'detected', 'asked', 'consultant')),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (consultant_id, contact_address)
);

-- A client's language is one of the four or not set (NULL: the contact's language then starts from their number).
-- Until now the column defaulted to 'en' and the service filled 'en' into an empty field, so a stored 'en' cannot be
-- told from "never chosen": it becomes NULL, once (while the old default is still there). An English speaker loses
-- nothing: a +44/+1 number, or their first long message, gives English again. Codes with a region become their two
-- letters (es-mx: es); any other language was never spoken to the contact and becomes NULL as well.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'clients' AND column_name = 'language'
                  AND column_default IS NOT NULL) THEN
        UPDATE clients SET language = NULL WHERE language = 'en';
        ALTER TABLE clients ALTER COLUMN language DROP DEFAULT;
    END IF;
END $$;
ALTER TABLE clients ALTER COLUMN language DROP NOT NULL;
UPDATE clients SET language = lower(split_part(language, '-', 1))
 WHERE language IS NOT NULL AND language <> lower(split_part(language, '-', 1))
   AND lower(split_part(language, '-', 1)) IN ('it', 'en', 'es', 'fr');
UPDATE clients SET language = NULL WHERE language IS NOT NULL AND language NOT IN ('it', 'en', 'es', 'fr');
ALTER TABLE clients DROP CONSTRAINT IF EXISTS clients_language_check;
ALTER TABLE clients ADD CONSTRAINT clients_language_check CHECK (language IS NULL OR language IN ('it', 'en', 'es', 'fr'));
