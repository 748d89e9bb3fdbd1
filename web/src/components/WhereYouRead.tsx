// "Where you read": the channels notifications reach me on, ranked as the platform's plan ranks
// them (reads and first reads), with why each ranks where it does; pins of the primary and the
// secondary channel, and quiet hours in my time zone. Shaping in notify-view.ts.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { CHANNELS, channelName, isClock, modeLine, NotifyApi, readRows, timeZoneChoices, type Channel, type ChannelsView, type Preferences, type ReadRow } from "../notify-view.ts";
import { session } from "../state/session.ts";
import "../notify-stats.css";

const api = new NotifyApi(session.api);
const says = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback);
const browserZone = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
})();
const knownZones = (): string[] => {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? ["UTC"];
  } catch {
    return ["UTC"];
  }
};

export function WhereYouRead() {
  const [view, setView] = useState<ChannelsView | null>(null);
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function load() {
    try {
      const [v, p] = await Promise.all([api.channels(), api.preferences()]);
      setView(v);
      setPrefs(p.preferences);
    } catch (e) {
      setError(says(e, "Could not load where you read"));
    }
  }
  useEffect(() => void load(), []);

  async function save(change: Partial<Preferences>, what: string) {
    setError(null);
    setSaved(null);
    try {
      setPrefs((await api.savePreferences(change)).preferences);
      setView(await api.channels());
      setSaved(what);
    } catch (e) {
      setError(says(e, "Could not save"));
    }
  }

  const rows = view ? readRows(view) : [];
  return (
    <section class="people" aria-label="Where you read" data-testid="where-you-read">
      <div class="section-head">
        <h3>Where you read</h3>
        <button class="link small" onClick={() => void load()} data-testid="wyr-refresh">
          Refresh
        </button>
      </div>
      <p class="muted small">We learn where you read notifications: a read counts for its channel, and the channel you read on first counts twice. The best goes first, the next is the fallback.</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p class="form-ok" role="status" data-testid="wyr-saved">
          {saved}
        </p>
      )}
      {!view || !prefs ? (
        !error && <p class="muted">Loading…</p>
      ) : (
        <>
          <p class="small" data-testid="wyr-mode">
            {modeLine(view)}
          </p>
          <ol class="wyr-list" data-testid="wyr-list">
            {rows.map((r) => (
              <ReadRowView key={r.channel} row={r} />
            ))}
          </ol>
          <Pins prefs={prefs} reachable={rows.map((r) => r.channel)} onSave={(p) => void save(p, "Your pins are saved.")} />
          <QuietHoursForm prefs={prefs} onSave={(q) => void save({ quietHours: q }, q ? "Quiet hours are saved." : "Quiet hours are off.")} />
        </>
      )}
    </section>
  );
}

function Bar({ label, value, shown }: { label: string; value: number; shown: string | number }) {
  return (
    <div class="wyr-bar">
      <span class="wyr-bar-label">{label}</span>
      <svg class="wyr-bar-track" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect x="0" y="0" width="100" height="8" rx="2" class="track" />
        <rect x="0" y="0" width={Math.max(value * 100, value > 0 ? 2 : 0)} height="8" rx="2" class="fill" />
      </svg>
      <span class="wyr-bar-value">{shown}</span>
    </div>
  );
}

function ReadRowView({ row: r }: { row: ReadRow }) {
  return (
    <li class="wyr-row" data-testid={`wyr-${r.channel}`} data-rank={r.rank} data-reads={r.reads} data-first-reads={r.firstReads}>
      <div class="wyr-head">
        <span class="wyr-rank">{r.rank}</span>
        <strong>{r.name}</strong>
        {r.role && <span class="chip">{r.role}</span>}
        {r.pinned && <span class="chip chip-ok">pinned</span>}
      </div>
      <Bar label="Reads" value={r.bars.reads} shown={r.reads} />
      <Bar label="First reads" value={r.bars.firstReads} shown={r.firstReads} />
      <Bar label="Score" value={r.bars.importance} shown={Math.round(r.importance * 100) / 100} />
      <p class="muted small" data-testid="wyr-why">
        {r.why}
      </p>
    </li>
  );
}

function Pins({ prefs, reachable, onSave }: { prefs: Preferences; reachable: Channel[]; onSave: (p: Partial<Preferences>) => void }) {
  const pick = (value: string): Channel | null => ((CHANNELS as readonly string[]).includes(value) ? (value as Channel) : null);
  const select = (slot: "primary" | "secondary") => (
    <label class="field">
      <span>{slot === "primary" ? "Always first" : "Fallback"}</span>
      <select value={prefs[slot] ?? ""} onChange={(e) => onSave({ [slot]: pick(e.currentTarget.value) })} data-testid={`pin-${slot}`}>
        <option value="">Learned</option>
        {CHANNELS.map((ch) => (
          <option key={ch} value={ch}>
            {channelName[ch]}
            {reachable.includes(ch) ? "" : " (not set up)"}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div class="wyr-form ws-form" data-testid="wyr-pins">
      {select("primary")}
      {select("secondary")}
    </div>
  );
}

function QuietHoursForm({ prefs, onSave }: { prefs: Preferences; onSave: (q: Preferences["quietHours"]) => void }) {
  const [start, setStart] = useState(prefs.quietHours?.start ?? "22:00");
  const [end, setEnd] = useState(prefs.quietHours?.end ?? "07:00");
  const [zone, setZone] = useState(prefs.quietHours?.timeZone ?? browserZone ?? "UTC");
  const zones = timeZoneChoices(knownZones(), prefs.quietHours?.timeZone ?? browserZone);
  const valid = isClock(start) && isClock(end) && start !== end;
  return (
    <form
      class="wyr-form ws-form"
      data-testid="quiet-hours"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSave({ start, end, timeZone: zone });
      }}
    >
      <span class="small wyr-form-title">Quiet hours{prefs.quietHours ? "" : " (off)"}: only urgent notifications then</span>
      <label class="field">
        <span>From</span>
        <input type="time" value={start} onInput={(e) => setStart(e.currentTarget.value)} data-testid="quiet-start" />
      </label>
      <label class="field">
        <span>To</span>
        <input type="time" value={end} onInput={(e) => setEnd(e.currentTarget.value)} data-testid="quiet-end" />
      </label>
      <label class="field">
        <span>Time zone</span>
        <select value={zone} onChange={(e) => setZone(e.currentTarget.value)} data-testid="quiet-zone">
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <button class="btn btn-primary btn-small" type="submit" disabled={!valid} data-testid="quiet-save">
        Save
      </button>
      {prefs.quietHours && (
        <button class="btn btn-small" type="button" onClick={() => onSave(null)} data-testid="quiet-off">
          Turn off
        </button>
      )}
    </form>
  );
}
