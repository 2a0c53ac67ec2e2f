-- Orleans ADO.NET grain persistence: one row per (service, state name, grain id), optimistic versions.
-- Written from the providers' contract (shared/ORLEANS-ADONET-CONTRACT.md, section 3).
CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id        text        NOT NULL,
    grain_type_string text        NOT NULL,
    grain_id_n0       bigint      NOT NULL,
    grain_id_n1       bigint      NOT NULL,
    grain_id_ext      text        NULL,
    grain_id_hash     integer     NOT NULL,
    grain_type_hash   integer     NOT NULL,
    payload           bytea       NULL,
    version           integer     NOT NULL,
    modified_at       timestamptz NOT NULL DEFAULT now()
);

-- A real unique identity (NULL extension equals NULL) so two first writes cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_storage_identity
    ON orleans_storage (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_ext) NULLS NOT DISTINCT;

CREATE OR REPLACE FUNCTION orleans_write_storage(
    p_service_id text, p_grain_type_string text, p_n0 bigint, p_n1 bigint, p_ext text,
    p_id_hash integer, p_type_hash integer, p_version integer, p_payload bytea)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO orleans_storage (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_ext,
                                     grain_id_hash, grain_type_hash, payload, version)
        VALUES (p_service_id, p_grain_type_string, p_n0, p_n1, p_ext, p_id_hash, p_type_hash, p_payload, 1)
        ON CONFLICT DO NOTHING;
        IF FOUND THEN
            RETURN 1;
        END IF;
        RETURN NULL;
    END IF;
    UPDATE orleans_storage
       SET payload = p_payload, version = version + 1, modified_at = now()
     WHERE service_id = p_service_id AND grain_type_string = p_grain_type_string
       AND grain_id_n0 = p_n0 AND grain_id_n1 = p_n1 AND grain_id_ext IS NOT DISTINCT FROM p_ext
       AND version = p_version;
    IF FOUND THEN
        RETURN p_version + 1;
    END IF;
    RETURN NULL;
END;
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $$
SELECT payload AS PayloadBinary, version AS Version
  FROM orleans_storage
 WHERE service_id = @ServiceId AND grain_type_string = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString;
$$),
('WriteToStorageKey', $$
SELECT orleans_write_storage(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                             @GrainIdHash, @GrainTypeHash, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$$),
('ClearStorageKey', $$
UPDATE orleans_storage
   SET payload = NULL, version = version + 1, modified_at = now()
 WHERE service_id = @ServiceId AND grain_type_string = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version;
$$),
('DeleteStorageKey', $$
DELETE FROM orleans_storage
 WHERE service_id = @ServiceId AND grain_type_string = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version + 1;
$$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
