ALTER TABLE "lanterns" ADD COLUMN "colour" text DEFAULT 'amber' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lanterns_label_key" ON "lanterns" USING btree ("label");
