-- Accounts made by a sign-in through an identity provider have a random password nobody knows
-- until its owner sets one (a password reset); an identity can be unlinked only while another
-- way to sign in remains.
ALTER TABLE accounts ADD COLUMN password_known BOOLEAN DEFAULT TRUE NOT NULL;
