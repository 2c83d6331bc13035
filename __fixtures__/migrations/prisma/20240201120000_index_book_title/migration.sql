-- CreateIndex
-- Edited after `prisma migrate dev --create-only`: built CONCURRENTLY so that writes to "Book" go on meanwhile.
CREATE INDEX CONCURRENTLY "Book_title_idx" ON "Book"("title");
