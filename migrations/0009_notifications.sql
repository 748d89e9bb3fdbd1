CREATE TABLE `contacts` (
	`user` integer NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`verified` integer DEFAULT false NOT NULL,
	`code_hash` text,
	`code_expires` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`user`, `channel`),
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`bot` integer,
	`body` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_bot` ON `dead_letters` (`bot`,`id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`notification` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`token` text NOT NULL,
	`is_fallback` integer DEFAULT false NOT NULL,
	`sent_at` integer,
	`read_at` integer,
	`first_read` integer,
	`detail` text,
	PRIMARY KEY(`notification`, `channel`),
	FOREIGN KEY (`notification`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_token` ON `deliveries` (`token`);--> statement-breakpoint
CREATE TABLE `notification_prefs` (
	`user` integer PRIMARY KEY NOT NULL,
	`primary` text,
	`secondary` text,
	`quiet_start` text,
	`quiet_end` text,
	`time_zone` text,
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`bot` integer NOT NULL,
	`user` integer NOT NULL,
	`text` text NOT NULL,
	`link` text,
	`importance` text NOT NULL,
	`dedup_key` text,
	`mode` text NOT NULL,
	`fallback` text,
	`created_at` integer NOT NULL,
	`send_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`bot`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedup` ON `notifications` (`bot`,`dedup_key`);--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_bot` ON `notifications` (`bot`,`created_at`);--> statement-breakpoint
CREATE TABLE `notify_config` (
	`bot` integer PRIMARY KEY NOT NULL,
	`config` text NOT NULL,
	FOREIGN KEY (`bot`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `read_feedback` (
	`user` integer NOT NULL,
	`notification` text NOT NULL,
	`channel` text NOT NULL,
	`first` integer NOT NULL,
	`via` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`notification`, `channel`),
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`notification`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `read_feedback_user` ON `read_feedback` (`user`,`at`);--> statement-breakpoint
CREATE TABLE `sandbox_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`to` text NOT NULL,
	`user` integer,
	`text` text NOT NULL,
	`link` text,
	`code` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sandbox_outbox_user` ON `sandbox_outbox` (`user`,`id`);