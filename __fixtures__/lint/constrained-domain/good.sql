CREATE DOMAIN email_address AS text;
CREATE TABLE subscribers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email email_address NOT NULL CONSTRAINT subscribers_email_format CHECK (email LIKE '%_@_%')
);
