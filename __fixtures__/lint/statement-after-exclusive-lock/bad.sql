ALTER TABLE customers ADD COLUMN country_code text;
UPDATE customers SET country_code = 'NL' WHERE country = 'Netherlands';
