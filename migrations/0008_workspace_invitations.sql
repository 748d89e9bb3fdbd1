CREATE TABLE `workspace_invitations` (
	`workspace` integer NOT NULL,
	`user` integer NOT NULL,
	`role` text NOT NULL,
	`invited_by` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`workspace`, `user`),
	FOREIGN KEY (`workspace`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `workspace_invitations_user` ON `workspace_invitations` (`user`);