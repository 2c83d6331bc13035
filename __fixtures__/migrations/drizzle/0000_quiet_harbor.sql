CREATE TABLE "lanterns" (
	"id" serial PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"lit_at" timestamp
);
--> statement-breakpoint
CREATE TABLE "wicks" (
	"id" serial PRIMARY KEY NOT NULL,
	"lantern_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wicks" ADD CONSTRAINT "wicks_lantern_id_lanterns_id_fk" FOREIGN KEY ("lantern_id") REFERENCES "public"."lanterns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wicks_lantern_idx" ON "wicks" USING btree ("lantern_id");
