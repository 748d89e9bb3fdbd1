CREATE TABLE `workspace_staff` (
	`workspace` integer NOT NULL,
	`user` integer NOT NULL,
	`role` text NOT NULL,
	`added` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`workspace`, `user`),
	FOREIGN KEY (`workspace`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workspace_staff_user` ON `workspace_staff` (`user`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`owner` integer NOT NULL,
	`created` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`owner`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workspaces_owner` ON `workspaces` (`owner`);