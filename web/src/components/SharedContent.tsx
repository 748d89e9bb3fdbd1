// What a message carries besides text and files: where a forward came from, a location, a
// contact. Links are built here from checked numbers, never taken from the message.
import type { Contact, ForwardOrigin, Location } from "../types.ts";
import { Icon } from "./Icon.tsx";

export function ForwardHeader({ origin }: { origin: ForwardOrigin }) {
  return (
    <div class="forward-header" data-testid="forward-header">
      Forwarded from <strong>{origin.from.displayName}</strong>
      {origin.chatTitle && <span class="forward-chat"> in {origin.chatTitle}</span>}
    </div>
  );
}

/** OpenStreetMap's page for a point, or null for coordinates no map has. */
export function mapLink(l: Location): string | null {
  const { latitude: lat, longitude: lon } = l;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const [a, b] = [lat.toFixed(6), lon.toFixed(6)];
  return `https://www.openstreetmap.org/?mlat=${a}&mlon=${b}#map=16/${a}/${b}`;
}

export function LocationCard({ location }: { location: Location }) {
  const href = mapLink(location);
  const coords = `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`;
  return (
    <div class="shared-card location-card" data-testid="location-card">
      <span class="shared-icon" aria-hidden="true">
        <Icon name="map-pin" size={22} />
      </span>
      <div class="shared-body">
        <strong>Location</strong>
        <span class="coords" data-testid="location-coords">
          {coords}
          {location.horizontalAccuracy ? ` ± ${Math.round(location.horizontalAccuracy)} m` : ""}
        </span>
        {href && (
          <a href={href} target="_blank" rel="noopener noreferrer" data-testid="location-link">
            Open in OpenStreetMap <Icon name="external" size={12} />
          </a>
        )}
      </div>
    </div>
  );
}

export function ContactCard({ contact }: { contact: Contact }) {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
  const dial = contact.phoneNumber.replace(/[^\d+]/g, "");
  return (
    <div class="shared-card contact-card" data-testid="contact-card">
      <span class="shared-icon" aria-hidden="true">
        <Icon name="contact" size={22} />
      </span>
      <div class="shared-body">
        <strong data-testid="contact-name">{name}</strong>
        {/^\+?\d{3,20}$/.test(dial) ? (
          <a href={`tel:${dial}`} data-testid="contact-phone">
            {contact.phoneNumber}
          </a>
        ) : (
          <span>{contact.phoneNumber}</span>
        )}
      </div>
    </div>
  );
}
