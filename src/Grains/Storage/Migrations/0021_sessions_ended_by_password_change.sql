-- A password change ends every other session of the account (dashboard cookies and API tokens signed in before it);
-- the session that made the change is kept. A session names its sign-in time in a claim, so it is compared here.
-- An operator's password reset keeps no session.
ALTER TABLE consultants ADD COLUMN IF NOT EXISTS sessions_ended_before timestamptz NULL;
ALTER TABLE consultants ADD COLUMN IF NOT EXISTS session_kept text NULL;
