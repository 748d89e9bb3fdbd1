// A profile's fields: value, source badge, the message an extracted value came from, inline
// edit (Enter saves, Escape cancels, an empty value or the clear button clears) and adding a
// known field by name.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { clock, listTime } from "../format.ts";
import { addableFields, displayValue, evidenceTarget, evidenceTitle, fieldLabel, historyText, LIST_FIELDS, orderedFields, parseEdit, sourceBadge, sourceTitle, staffName, toMs } from "../profiles.ts";
import { profiles } from "../state/profiles-live.ts";
import type { Profile, ProfileField } from "../types.ts";

interface Props {
  profile: Profile;
  meId: number;
  /** Called before a "from message" link opens a chat (a dialog showing the profile closes). */
  onLeave?: () => void;
}

export function ProfileFields({ profile, meId, onLeave }: Props) {
  const [adding, setAdding] = useState<string | null>(null);
  const rows = orderedFields(profile.fields);
  const addable = addableFields(profile.fields);
  return (
    <section class="pf-section" aria-label="Fields" data-testid="profile-fields">
      {rows.length === 0 && !adding && <p class="muted small">Nothing known yet.</p>}
      {rows.map(([name, field]) => (
        <FieldRow key={name} name={name} field={field} profile={profile} meId={meId} onLeave={onLeave} />
      ))}
      {adding && !rows.some(([n]) => n === adding) && (
        <FieldRow key={`new-${adding}`} name={adding} field={null} profile={profile} meId={meId} onLeave={onLeave} onDone={() => setAdding(null)} />
      )}
      {addable.length > 0 && (
        <label class="pf-add">
          <span class="visually-hidden">Add a field</span>
          <select
            aria-label="Add a field"
            data-testid="add-field"
            value=""
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v) setAdding(v);
              e.currentTarget.value = "";
            }}
          >
            <option value="">+ Add a field…</option>
            {addable.map((n) => (
              <option key={n} value={n}>
                {fieldLabel(n)}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}

function FieldRow({ name, field, profile, meId, onLeave, onDone }: { name: string; field: ProfileField | null; profile: Profile; meId: number; onLeave?: (() => void) | undefined; onDone?: () => void }) {
  const label = fieldLabel(name);
  const [editing, setEditing] = useState(field === null);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const valueButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    if (editing) input.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      valueButton.current?.focus();
    }
  }, [editing]);

  function start() {
    setDraft(field ? displayValue(field.value) : "");
    setError(null);
    setEditing(true);
  }
  function stop() {
    refocus.current = true;
    setEditing(false);
    setError(null);
    onDone?.();
  }

  async function save(value: string | string[] | null) {
    setBusy(true);
    setError(null);
    try {
      await profiles.edit(profile.workspaceId, profile.userId, { [name]: value });
      stop();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not save");
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    const parsed = parseEdit(name, draft);
    if (!parsed.ok) return setError(parsed.error);
    if (parsed.value === null && field === null) return stop(); // nothing to clear
    void save(parsed.value);
  }

  const badge = field ? sourceBadge(field.source) : null;
  const ev = field?.source === "extracted" ? field.evidence : undefined;
  const target = ev ? evidenceTarget(ev, profile.userId, meId) : null;

  return (
    <div class="pf-row" data-testid={`profile-field-${name}`} data-source={field?.source ?? "new"}>
      <div class="pf-label">
        <span>{label}</span>
        {badge && (
          <span class={`pf-badge pf-badge-${field!.source}`} title={sourceTitle(field!, profile.staff, meId)} data-testid="field-source">
            {badge.text}
          </span>
        )}
      </div>
      {editing ? (
        <div class="pf-edit">
          <input
            ref={input}
            aria-label={`${label}${LIST_FIELDS.has(name) ? " (separate with commas)" : ""}`}
            data-testid="field-input"
            value={draft}
            disabled={busy}
            maxLength={LIST_FIELDS.has(name) ? 2000 : 500}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                submit();
              } else if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                stop();
              }
            }}
          />
          <button class="btn btn-small btn-primary" disabled={busy} onClick={submit} data-testid="field-save">
            Save
          </button>
          <button class="btn btn-small" disabled={busy} onClick={stop} aria-label={`Cancel editing ${label}`}>
            Cancel
          </button>
        </div>
      ) : (
        <div class="pf-value-line">
          <button ref={valueButton} class="pf-value" aria-label={`Edit ${label}: ${displayValue(field!.value)}`} title="Edit" data-testid="field-value" onClick={start}>
            {displayValue(field!.value)}
          </button>
          <button class="icon-btn pf-clear" aria-label={`Clear ${label}`} title={`Clear ${label}`} data-testid="field-clear" disabled={busy} onClick={() => void save(null)}>
            ×
          </button>
        </div>
      )}
      {ev && target && !editing && (
        <div class="pf-evidence small">
          {target.kind === "chat" ? (
            <button
              class="link"
              data-testid="evidence-link"
              title={evidenceTitle(ev)}
              onClick={() => {
                onLeave?.();
                void profiles.jump(target.chatId, ev.messageId, profile.userId);
              }}
            >
              from message
            </button>
          ) : (
            <span class="muted" data-testid="evidence-elsewhere" title={evidenceTitle(ev)}>
              {target.kind === "colleague" ? `from a message to ${staffName(target.staffId, profile.staff, meId)}` : "from a message"}
            </span>
          )}
          {ev.excerpt && <q class="pf-excerpt muted">{ev.excerpt}</q>}
        </div>
      )}
      {field && field.history.length > 0 && !editing && (
        <details class="pf-history small">
          <summary>Earlier values ({field.history.length})</summary>
          <ul>
            {field.history.map((h, i) => {
              const secs = toMs(h.updatedAt) / 1000;
              return (
                <li key={i}>
                  <span>{historyText(h, profile.staff, meId)}</span> <time class="muted">{listTime(secs) === clock(secs) ? clock(secs) : `${listTime(secs)} ${clock(secs)}`}</time>
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {error && (
        <p class="form-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
