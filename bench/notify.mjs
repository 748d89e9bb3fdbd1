// The notification rows of `npm run bench` (issue 10 point 11; bench/README.md): a bot's
// `sendNotification` to a user who started it, timed until the in-app copy arrives on the
// user's socket, beside the same bot's plain `sendMessage` to the same user (the message the
// in-app copy rides on). The bot's planning settings make the user established from the first
// notification (`newUserThreshold: 0`), so each notification takes the learned plan's path:
// the primary channel only, which for a user with no contacts is in-app (the only reachable
// channel; no secondary, so no fallback check). The scenarios themselves are run.mjs's
// `latency` and `throughput`, over the two rooms added here.

/**
 * Registers the notified user, creates the bot (owner: users[0]) with its rate limits raised,
 * sets its notification config, has the user start it and opens the user's socket. Adds rooms
 * `notify` (sendNotification) and `notifyMessage` (sendMessage) to `sb`, both received by a
 * stand-in receiver that sees only `{type:"message"}` frames whose message text carries a tag.
 * `h`: run.mjs's helpers { setupCall, botCall, openSocket, log, TAG }.
 */
export async function setUpNotify(sb, h) {
  const base = sb.url;
  const owner = sb.users[0];
  const reg = await h.setupCall(`${base}/api/v1/auth/register`, { method: "POST", body: { handle: `b${sb.runId}_notified`, password: sb.password, displayName: "Bench notified" } }, "register");
  const user = { ...reg.user, token: reg.token };
  const username = `n${Date.now().toString(36).slice(-6)}_notifybot`;
  h.log(`switchboard: notifying bot @${username}: create, raise rate limits, newUserThreshold 0, start by ${user.handle} ...`);
  const created = await h.setupCall(`${base}/api/v1/bots`, { method: "POST", token: owner.token, body: { username, name: "Bench notifier" } }, "create bot");
  const bot = { ...created.bot, token: created.token };
  // The in-app copy is a message from the bot: Telegram's default limits would throttle it too.
  const rateLimits = { global: { rate: 1000, burst: 10_000 }, privateChat: { rate: 1000, burst: 10_000 }, group: { rate: 1000, burst: 10_000 } };
  await h.setupCall(`${base}/api/v1/bots/${username}`, { method: "PATCH", token: owner.token, body: { rateLimits } }, "bot rate limits");
  const { config } = await h.setupCall(`${base}/api/v1/bots/${username}/notification-config`, { method: "PUT", token: owner.token, body: { config: { newUserThreshold: 0 } } }, "notification config");
  if (config?.newUserThreshold !== 0) throw new Error(`notification-config answered ${JSON.stringify(config)}, expected newUserThreshold 0`);
  const started = await h.setupCall(`${base}/api/v1/bots/${username}/start`, { method: "POST", token: user.token, body: {} }, "start bot");
  if (started.chat.id !== bot.id) throw new Error(`start answered chat ${started.chat.id}, expected the bot's id ${bot.id}`);
  const socket = await h.openSocket(`${base.replace(/^http/, "ws")}/api/v1/stream?token=${encodeURIComponent(user.token)}`, `switchboard socket of ${user.handle} (notified)`);
  sb.sockets.push(socket);
  // Only the chat's message frame counts as delivered, not any other frame quoting the text.
  const receiver = { label: "notified user's message frames", onTag: null };
  socket.onFrame = (data, at) => {
    if (!receiver.onTag || !h.TAG.test(data)) return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    const m = frame?.type === "message" && typeof frame.message?.text === "string" ? h.TAG.exec(frame.message.text) : null;
    if (m) receiver.onTag(`${m[1]}:${m[2]}`, at);
  };
  sb.rooms.notify = { receivers: [receiver], all: [receiver] };
  sb.rooms.notifyMessage = { receivers: [receiver], all: [receiver] };
  // What sendNotification answered: mode and channels ("learned:in_app" is the primary path).
  const answers = {};
  let lastId = null;
  const send = sb.send;
  sb.send = async (room, text, seq) => {
    if (room === "notifyMessage") return h.botCall(base, bot.token, "sendMessage", { chat_id: user.id, text });
    if (room !== "notify") return send(room, text, seq);
    const r = await h.botCall(base, bot.token, "sendNotification", { user_id: user.id, text, importance: "urgent" });
    const key = `${r.mode}:${r.channels.join("+") || "none"}`;
    answers[key] = (answers[key] ?? 0) + 1;
    lastId = r.notification_id;
    return r;
  };
  sb.notify = {
    bot: { id: bot.id, username, rateLimits },
    user: { id: user.id, handle: user.handle },
    answers,
    /** getNotification of the last notification sent: its deliveries, for the summary. */
    last: async () => (lastId ? h.botCall(base, bot.token, "getNotification", { notification_id: lastId }) : null),
  };
}

/** True when every notification took the primary path: learned plan, in-app only. */
export function allOnPrimary(answers) {
  const keys = Object.keys(answers);
  return keys.length === 1 && keys[0] === "learned:in_app";
}
