-- Administrators are marked on the account by the operator (Admin:AccountIds, `Consultant.Silo --grant-admin`, or
-- the demo seed), never derived from an e-mail address anyone could register first.
ALTER TABLE consultants ADD COLUMN IF NOT EXISTS is_admin boolean NOT NULL DEFAULT false;
