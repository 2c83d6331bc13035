-- migrate:up
create table users (
  id serial,
  name varchar(255),
  email varchar(255)
);

-- migrate:down
drop table users;
