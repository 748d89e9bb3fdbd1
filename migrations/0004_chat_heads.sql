CREATE TABLE `chat_heads` (
	`chat_key` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`last_message` text,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `chat_members` ADD `read_id` integer DEFAULT 0 NOT NULL;