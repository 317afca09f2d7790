-- RFC 7591 dynamic client registration: apps that registered themselves, with no owner.
ALTER TABLE oauth_apps ADD COLUMN registered_dynamically BOOLEAN DEFAULT FALSE NOT NULL;

-- The admins' setting, one row: whether apps may register themselves, and how long one may go
-- unused before it is deleted.
CREATE TABLE client_registration_settings (
    id               INT     NOT NULL PRIMARY KEY,
    open_registration BOOLEAN NOT NULL,
    unused_days      INT     NOT NULL
);
INSERT INTO client_registration_settings (id, open_registration, unused_days) VALUES (1, TRUE, 30);
