INSERT INTO person (id, name) VALUES (1, 'Axel'), (2, 'Mr. Foo');
