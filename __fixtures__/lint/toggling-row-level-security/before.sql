CREATE TABLE documents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner_name text NOT NULL, body text NOT NULL);
CREATE POLICY documents_owner ON documents USING (owner_name = current_user);
