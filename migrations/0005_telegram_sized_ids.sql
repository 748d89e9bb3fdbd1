-- User and bot ids look like Telegram's: large positive integers. Some bot libraries refuse a
-- token whose id has fewer than 3 digits (python-telegram-bot), and Switchboard numbered from
-- 1. A reserved account at 1000000 moves AUTOINCREMENT past it, so every account made from now
-- on is numbered from 1000001 (existing ones keep their ids). It cannot log in (its password
-- hash is no hash), is a bot in the users table but not in the directory, and cannot be
-- befriended or messaged.
INSERT OR IGNORE INTO `users` (`id`, `handle`, `handle_key`, `display_name`, `password_hash`, `is_bot`)
VALUES (1000000, 'switchboard', 'switchboard', 'Switchboard', '!', 1);
