-- Orleans' ADO.NET providers load their SQL from this table at start-up.
-- Identifiers are unquoted on purpose: the providers look for orleansquery(querykey, querytext).
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);
