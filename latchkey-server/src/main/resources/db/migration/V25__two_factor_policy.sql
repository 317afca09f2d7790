-- The admins' policy on two-factor authentication: whom it is required of (none, admins,
-- everyone), and from when; those without it have grace_days from required_since to set it up.
CREATE TABLE two_factor_policy (
    id             INT PRIMARY KEY,
    required_of    VARCHAR(10) NOT NULL,
    grace_days     INT NOT NULL,
    required_since TIMESTAMP WITH TIME ZONE
);
INSERT INTO two_factor_policy (id, required_of, grace_days) VALUES (1, 'none', 7);
