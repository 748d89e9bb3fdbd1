CREATE TABLE `customer_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer` integer NOT NULL,
	`staff` integer NOT NULL,
	`type` text NOT NULL,
	`chat_key` text,
	`title` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`customer`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_events_customer` ON `customer_events` (`customer`,`at`);--> statement-breakpoint
CREATE TABLE `customer_profiles` (
	`workspace` integer NOT NULL,
	`customer` integer NOT NULL,
	`fields` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace`, `customer`),
	FOREIGN KEY (`workspace`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`workspace` integer NOT NULL,
	`customer` integer NOT NULL,
	`tag` text NOT NULL,
	`added_by` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`workspace`, `customer`, `tag`),
	FOREIGN KEY (`workspace`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag` ON `customer_tags` (`workspace`,`tag`);--> statement-breakpoint
CREATE TABLE `profile_erasures` (
	`workspace` integer NOT NULL,
	`customer` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`workspace`, `customer`),
	FOREIGN KEY (`workspace`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `staff_interactions` (
	`customer` integer NOT NULL,
	`staff` integer NOT NULL,
	`message` integer NOT NULL,
	`from_customer` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`customer`, `staff`, `message`),
	FOREIGN KEY (`customer`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_interactions_at` ON `staff_interactions` (`at`);