import { fires } from '../harness/lint.js';

// Forms a rule's bad.sql and good.sql do not each hold on their own line.

const users = 'CREATE TABLE users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);';

test.each([
  ['CREATE TABLE labels (order_id int NOT NULL)', true],
  ['CREATE TABLE labels (tag_ids smallint[] NOT NULL)', true],
  ['CREATE TABLE labels ("userId" int NOT NULL)', true],
  ['CREATE TABLE labels ("parentID" integer)', true],
  ['CREATE TABLE labels (paid int, uuid int, backend_pid int, valid int, grid int)', false],
  ['CREATE TABLE labels (order_id bigint, tag_ids bigint[])', false],
])('prefer-bigint-identity-key, %s: %s', async (sql, flagged) => {
  expect(await fires('prefer-bigint-identity-key', [sql])).toBe(flagged);
});

test('a reference to a key the folder declared int is not flagged by its name: the key decides the width, and is flagged', async () => {
  expect(await fires('prefer-bigint-identity-key', [users])).toBe(true);
  expect(
    await fires('prefer-bigint-identity-key', [
      users,
      'CREATE TABLE orders (user_id int NOT NULL REFERENCES users (id))',
    ]),
  ).toBe(false);
  expect(
    await fires('prefer-bigint-identity-key', [
      'CREATE TABLE users (id bigint PRIMARY KEY);',
      'CREATE TABLE orders (user_id int NOT NULL REFERENCES users (id))',
    ]),
  ).toBe(true);
});

test.each([
  ['REINDEX (CONCURRENTLY false) INDEX users_email_idx', true],
  ['REINDEX (CONCURRENTLY, CONCURRENTLY false) INDEX users_email_idx', true],
  ['REINDEX (CONCURRENTLY) INDEX users_email_idx', false],
])('require-concurrent-reindex, %s: %s', async (sql, flagged) => {
  expect(await fires('require-concurrent-reindex', [sql])).toBe(flagged);
});
