// A bot owner's "Notifications" view (from the Developer page): per channel, an inline SVG bar
// chart of sent, read, read in time, fallbacks and failures with the median time to read, and
// the bot's dead letters (jobs that failed every retry). Shaping in notify-view.ts.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { deadLetterLine, NotifyApi, statsCharts, type NotificationStats, type StatsChart } from "../notify-view.ts";
import { session } from "../state/session.ts";
import "../notify-stats.css";

const api = new NotifyApi(session.api);
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function BotNotificationStats({ username }: { username: string }) {
  const [stats, setStats] = useState<NotificationStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    setError(null);
    try {
      setStats(await api.stats(username));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not load the notification statistics");
    }
  }
  useEffect(() => void load(), [username]);

  const charts = stats ? statsCharts(stats) : [];
  return (
    <section class="ns" aria-label={`Notifications of @${username}`} data-testid="notify-stats">
      <div class="section-head">
        <h4>Notifications</h4>
        <button class="link small" onClick={() => void load()} data-testid="notify-stats-refresh">
          Refresh
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!stats ? (
        !error && <p class="muted">Loading…</p>
      ) : (
        <>
          {charts.length === 0 ? (
            <p class="muted small" data-testid="notify-stats-empty">
              No notifications sent yet (sendNotification).
            </p>
          ) : (
            <div class="ns-charts">
              {charts.map((c) => (
                <Chart key={c.channel} chart={c} />
              ))}
            </div>
          )}
          <h4 class="ns-sub">Dead letters</h4>
          {stats.deadLetters.length === 0 ? (
            <p class="muted small" data-testid="dead-letters-none">
              None: every job went through.
            </p>
          ) : (
            <ul class="ns-dead" data-testid="dead-letters">
              {stats.deadLetters.map((d) => (
                <li key={d.id} data-testid="dead-letter">
                  <span class="muted small">{dateTime.format(new Date(d.at))}</span> <span>{deadLetterLine(d.body)}</span>
                  <details>
                    <summary class="small">Job</summary>
                    <pre class="snippet">{d.body}</pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const ROW = 18;
const LABEL = 84;
const WIDTH = 300;
const VALUE = 36;

function Chart({ chart: c }: { chart: StatsChart }) {
  const span = WIDTH - LABEL - VALUE;
  return (
    <figure class="ns-chart" data-testid={`notify-chart-${c.channel}`}>
      <figcaption>
        <strong>{c.name}</strong> <span class="muted small">{c.readRate} · median time to read {c.median}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${ROW * c.bars.length}`} width="100%" role="img" aria-label={`${c.name}: ${c.bars.map((b) => `${b.label} ${b.value}`).join(", ")}`}>
        {c.bars.map((b, i) => (
          <g key={b.key} transform={`translate(0 ${i * ROW})`} data-testid={`bar-${b.key}`} data-value={b.value}>
            <text x="0" y="13" class="ns-label">
              {b.label}
            </text>
            <rect x={LABEL} y="3" width={span} height="12" rx="3" class="track" />
            <rect x={LABEL} y="3" width={Math.max(b.fraction * span, b.value > 0 ? 2 : 0)} height="12" rx="3" class={`fill fill-${b.key}`} />
            <text x={WIDTH - 2} y="13" text-anchor="end" class="ns-value">
              {b.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
